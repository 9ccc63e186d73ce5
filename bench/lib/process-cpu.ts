// CPU time and peak RSS of a process, read from /proc (Linux), so each service is measured apart.
// A process that does not exist (any more) is an error naming its pid, never a figure of 0.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT';
}

function noProcess(pid: number, path: string): Error {
  return new Error(`no process ${pid}: ${path} does not exist (the process has exited?)`);
}

/** /proc/<pid>/<file>, or an error that names the pid when there is no such process. */
function readProc(pid: number, file: string): string {
  const path = `/proc/${pid}/${file}`;
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw isMissing(err) ? noProcess(pid, path) : err;
  }
}

/** utime + stime of a /proc/<pid>/stat or /proc/<pid>/task/<tid>/stat line, in seconds. */
function statCpuSeconds(stat: string): number {
  // Fields after the command name (which may contain spaces) start at the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** A `Vm…: <n> kB` line of /proc/<pid>/status, in MiB. */
function statusMiB(pid: number, field: 'VmHWM' | 'VmRSS' | 'RssAnon' | 'RssFile'): number {
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readProc(pid, 'status'))?.[1];
  // A zombie (exited, not yet reaped) has no memory lines: its figure is unknown, not 0.
  if (kb === undefined) throw new Error(`no ${field} in /proc/${pid}/status (the process has exited?)`);
  return Number(kb) / 1024;
}

/** User + system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number {
  return statCpuSeconds(readProc(pid, 'stat'));
}

/**
 * User + system CPU seconds of this process's children that have exited and been waited for
 * (cutime + cstime of /proc/self/stat): the CPU of a load generator run as a child process (ghz),
 * read once it has exited.
 */
export function childrenCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
}

/**
 * Peak resident set size in MiB: VmHWM, or VmRSS when that is higher — Linux raises the high-water
 * mark lazily (when memory is unmapped), so a growing process can read VmRSS above VmHWM.
 */
export function peakRssMiB(pid: number): number {
  return Math.max(statusMiB(pid, 'VmHWM'), statusMiB(pid, 'VmRSS'));
}

/** /proc/stat's first line: cpu  user nice system idle iowait irq softirq steal guest guest_nice */
function machineTicks(): number[] {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  return line.trim().split(/\s+/).slice(1).map(Number);
}

/**
 * CPU seconds the whole machine spent busy (all cores: user, nice, system, irq, softirq), from
 * /proc/stat. Steal is not in it: that is time the hypervisor ran something else on our vCPUs.
 */
export function machineBusySeconds(): number {
  const f = machineTicks();
  return (f[0]! + f[1]! + f[2]! + f[5]! + f[6]!) / TICKS_PER_SECOND;
}

/** CPU seconds the hypervisor took from this machine's vCPUs (steal): a noisy host, not our load. */
export function machineStealSeconds(): number {
  return machineTicks()[7]! / TICKS_PER_SECOND;
}

/**
 * Resident memory right now split by kind, in MiB: private (RssAnon: heaps, stacks, buffers) and
 * file-backed (RssFile: mostly the node binary's own code and data pages, shared by every node
 * process of the host and dropped by the kernel under pressure). VmHWM counts both.
 */
export function residentSplitMiB(pid: number): { anon: number; file: number } {
  return { anon: statusMiB(pid, 'RssAnon'), file: statusMiB(pid, 'RssFile') };
}

/** Resident set size right now, in MiB (VmRSS). */
export function rssMiB(pid: number): number {
  return statusMiB(pid, 'VmRSS');
}

/** The thread ids of a process (/proc/<pid>/task). */
function taskIds(pid: number): string[] {
  const taskDir = `/proc/${pid}/task`;
  try {
    return readdirSync(taskDir);
  } catch (err) {
    throw isMissing(err) ? noProcess(pid, taskDir) : err;
  }
}

/** CPU seconds per thread name (/proc/<pid>/task/<tid>/comm): the main thread is named after the program. */
export function threadCpuSeconds(pid: number): Record<string, number> {
  const taskDir = `/proc/${pid}/task`;
  const tids = taskIds(pid);
  const out: Record<string, number> = {};
  for (const tid of tids) {
    try {
      const name = readFileSync(`${taskDir}/${tid}/comm`, 'utf8').trim();
      const key = tid === String(pid) ? `main (${name})` : name;
      out[key] = (out[key] ?? 0) + statCpuSeconds(readFileSync(`${taskDir}/${tid}/stat`, 'utf8'));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}

/**
 * Read and write system calls the process has made so far (/proc/<pid>/io): unlike CPU time, a
 * count that other load on the machine does not change, so batching of socket I/O shows plainly.
 */
export function syscallCounts(pid: number): { reads: number; writes: number } {
  const io = readProc(pid, 'io');
  return {
    reads: Number(/syscr:\s+(\d+)/.exec(io)?.[1] ?? 0),
    writes: Number(/syscw:\s+(\d+)/.exec(io)?.[1] ?? 0),
  };
}

/** The sum over the process's threads of a figure read from /proc/<pid>/task/<tid>/<file>; a
 *  thread that ended between the listing and the read counts nothing. */
function sumOverThreads(pid: number, file: string, figure: (text: string) => number): number {
  const taskDir = `/proc/${pid}/task`;
  let total = 0;
  for (const tid of taskIds(pid)) {
    try {
      total += figure(readFileSync(`${taskDir}/${tid}/${file}`, 'utf8'));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return total;
}

/**
 * Voluntary context switches of all the process's threads so far: each is a thread going to sleep
 * (a park, a wait for I/O), so per request it shows how often the process sleeps and wakes again.
 */
export function voluntarySwitches(pid: number): number {
  return sumOverThreads(pid, 'status', (status) =>
    Number(/^voluntary_ctxt_switches:\s+(\d+)$/m.exec(status)?.[1] ?? 0),
  );
}

/**
 * Seconds all the process's threads have spent runnable but waiting for a CPU so far (the second
 * field of /proc/<pid>/task/<tid>/schedstat, ns). Per second of a run it tells how many cores' worth
 * of its work waited in run queues: with cores idle at the same time, the machine's scheduling (wake-
 * ups, other processes' threads) rather than a lack of CPU held it back.
 */
export function runQueueWaitSeconds(pid: number): number {
  return sumOverThreads(pid, 'schedstat', (schedstat) => Number(schedstat.split(' ')[1]) / 1e9);
}
