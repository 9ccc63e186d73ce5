// Why a Cassandra node died, read from its logs: out of heap (the JVM's -XX:+ExitOnOutOfMemoryError
// message), another error (the last ERROR lines), a normal shutdown, or nothing at all (killed). Pure
// functions of the log lines, so every case is testable without a JVM.

export type DeathKind = 'out-of-heap' | 'out-of-memory' | 'error' | 'stopped' | 'killed' | 'exited';
export type DeathPhase = 'commit-log replay' | 'start-up' | 'running';

export interface RunLogs {
  /** The end of system.log, oldest line first; it may hold several runs. */
  systemLog: string[];
  /** stdout.log of the run that died: the JVM's own messages and the WARN/ERROR lines. */
  stdout: string[];
  /** stdout.log.1, stdout.log.2, …: the runs before, newest first. */
  earlierStdout: string[][];
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface DeathContext {
  /** The heap the run had, when known from elsewhere (node.json); else read from its JVM arguments. */
  heapMb?: number | undefined;
  /** How the process ended, when its parent saw it. */
  exit?: ProcessExit | undefined;
}

export interface DeathCause {
  kind: DeathKind;
  phase: DeathPhase;
  heapMb: number | undefined;
  /** This run and the runs just before it that died the same way (1: only this one). */
  repeats: number;
  /** One clause: "ran out of heap (1024 MiB) while replaying its commit log". */
  summary: string;
  /** The log lines that show it, stack frames left out. */
  evidence: string[];
}

/** The first line a run writes to system.log (Cassandra logs where its yaml is before anything else). */
const RUN_START = / - Configuration location: /;
const OOM = /java\.lang\.OutOfMemoryError(?::\s*([^\r\n]*))?/;
const HEAP_OOM = /^(Java heap space|GC overhead limit exceeded)/;
const REPLAY_START = /CommitLog\.java:\d+ - Replaying /;
const REPLAY_END = /CommitLog\.java:\d+ - (Log replay complete|No commitlog files found)/;
const SERVING = / - (Starting listening for CQL clients|Startup complete)/;
const SHUTDOWN =
  / - (Announcing shutdown|DRAINING: starting drain process|DRAINED|Stop listening for CQL clients)/;
const LOG_LINE = /^(TRACE|DEBUG|INFO|WARN|ERROR)\s+\[[^\]]*\]\s+\S+ \S+ \S+ - (.*)$/;
const STACK_FRAME = /^\s+(at |\.\.\. \d+ )/;
const JVM_ERROR = /error|exception|could not|cannot|unable|fatal|failed/i;

/** The lines of the last run in a system.log tail. */
export function lastRun(systemLog: readonly string[]): string[] {
  const start = systemLog.findLastIndex((line) => RUN_START.test(line));
  return start === -1 ? [...systemLog] : systemLog.slice(start);
}

export function phaseOf(run: readonly string[]): DeathPhase {
  const replayStart = run.findLastIndex((line) => REPLAY_START.test(line));
  const replayEnd = run.findLastIndex((line) => REPLAY_END.test(line));
  if (replayStart !== -1 && replayEnd < replayStart) return 'commit-log replay';
  return run.some((line) => SERVING.test(line)) ? 'running' : 'start-up';
}

/** -Xmx of the run, from the "JVM Arguments: [...]" line Cassandra logs at start. */
export function heapOfRun(run: readonly string[]): number | undefined {
  for (const line of run) {
    const m = /JVM Arguments: .*-Xmx(\d+)([mMgG])\b/.exec(line);
    if (m) return Number(m[1]) * (m[2]!.toLowerCase() === 'g' ? 1024 : 1);
  }
  return undefined;
}

function outOfMemory(lines: readonly string[]): { detail: string; line: string } | undefined {
  for (const line of [...lines].reverse()) {
    const m = OOM.exec(line);
    if (m) return { detail: (m[1] ?? '').trim() || 'unknown pool', line: line.trim() };
  }
  return undefined;
}

/** "ERROR [main] 2026-… File.java:12 - message" → "message"; other lines unchanged. */
function messageOf(line: string): string {
  return LOG_LINE.exec(line)?.[2] ?? line.trim();
}

function shorten(text: string, max = 240): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Each ERROR line with the exception chain that follows it (messages and "Caused by" lines, which
 * may span several lines; stack frames skipped), the last `count` of them.
 */
export function errorLines(lines: readonly string[], count = 4, perError = 12): string[] {
  const blocks: string[][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('ERROR')) continue;
    const block = [shorten(lines[i]!.trim(), 400)];
    for (let j = i + 1; j < lines.length && block.length <= perError; j++) {
      const next = lines[j]!;
      if (LOG_LINE.test(next)) break;
      if (STACK_FRAME.test(next) || next.trim() === '') continue;
      block.push(`  ${shorten(next.trimEnd(), 400)}`);
    }
    blocks.push(block);
  }
  return blocks.slice(-count).flat();
}

/**
 * The errors only the JVM printed on stdout/stderr (a JVM that never reached logback writes only
 * there); its harmless notes ("WARNING: A terminally deprecated method…") are left out.
 */
function jvmLines(stdout: readonly string[]): string[] {
  return stdout
    .filter((line) => line.trim() !== '' && !LOG_LINE.test(line) && !STACK_FRAME.test(line))
    .filter((line) => !line.startsWith('WARNING: ') && JVM_ERROR.test(line))
    .map((line) => shorten(line.trim(), 400));
}

/** A short fingerprint of how a run ended, from its stdout alone: used to spot repeated deaths. */
export function stdoutSignature(stdout: readonly string[]): string | undefined {
  const oom = outOfMemory(stdout);
  if (oom) return `oom:${oom.detail}`;
  const lastError = stdout.findLast((line) => line.startsWith('ERROR'));
  return lastError ? `error:${messageOf(lastError)}` : undefined;
}

/** "Exception encountered during startup (ConfigurationException: Invalid yaml: …)". */
function withException(message: string, next: string | undefined): string {
  const exception = next?.trim().replace(/^(?:[\w$]+\.)+(?=[\w$]*(?:Exception|Error)\b)/, '');
  return exception && /^[\w$]*(Exception|Error)\b/.test(exception) ? `${message} (${exception})` : message;
}

function phaseClause(phase: DeathPhase): string {
  if (phase === 'commit-log replay') return ' while replaying its commit log';
  if (phase === 'start-up') return ' during start-up';
  return '';
}

export function diagnoseDeath(logs: RunLogs, context: DeathContext = {}): DeathCause {
  const run = lastRun(logs.systemLog);
  const phase = phaseOf(run);
  const heapMb = context.heapMb ?? heapOfRun(run);
  const heap = heapMb === undefined ? '' : ` (${heapMb} MiB)`;
  const base = { phase, heapMb };
  const oom = outOfMemory(logs.stdout) ?? outOfMemory(run);
  const errors = errorLines(run);
  // A node that served for a while may have logged errors it survived: only the errors at the end
  // of its log explain its death. During start-up every error is fatal.
  const fatal = phase === 'running' ? errorLines(run.filter((l) => !STACK_FRAME.test(l)).slice(-40)) : errors;
  let cause: Omit<DeathCause, 'repeats'>;
  if (oom && HEAP_OOM.test(oom.detail)) {
    cause = {
      ...base,
      kind: 'out-of-heap',
      summary: `ran out of heap${heap}${phaseClause(phase)}`,
      evidence: [oom.line, ...errors.slice(-2)],
    };
  } else if (oom) {
    cause = {
      ...base,
      kind: 'out-of-memory',
      summary: `ran out of memory (${oom.detail})${phaseClause(phase)}`,
      evidence: [oom.line, ...errors.slice(-2)],
    };
  } else if (context.exit?.signal) {
    cause = {
      ...base,
      kind: context.exit.signal === 'SIGTERM' ? 'stopped' : 'killed',
      summary: `was killed by ${context.exit.signal}${phaseClause(phase)}`,
      evidence: errors,
    };
  } else if (fatal.length > 0 || jvmLines(logs.stdout).length > 0) {
    const lastAt = fatal.findLastIndex((line) => line.startsWith('ERROR'));
    const what =
      lastAt === -1
        ? jvmLines(logs.stdout).at(-1)!
        : withException(messageOf(fatal[lastAt]!), fatal[lastAt + 1]);
    cause = {
      ...base,
      kind: 'error',
      summary: `stopped on an error${phaseClause(phase)}: ${shorten(what, 200)}`,
      // stdout repeats system.log's errors: the JVM's own lines only when the log has none.
      evidence: fatal.length > 0 ? fatal : jvmLines(logs.stdout).slice(-6),
    };
  } else if (run.some((line) => SHUTDOWN.test(line))) {
    cause = {
      ...base,
      kind: 'stopped',
      summary: 'was stopped (its log ends with a normal shutdown)',
      evidence: [],
    };
  } else if (context.exit && context.exit.code !== null) {
    cause = {
      ...base,
      kind: 'exited',
      summary: `exited with code ${context.exit.code}${phaseClause(phase)} without an error in its logs`,
      evidence: [],
    };
  } else {
    cause = {
      ...base,
      kind: 'killed',
      summary:
        `was killed${phaseClause(phase)} without a word in its logs ` +
        "(SIGKILL by someone, or the kernel's out-of-memory killer: see dmesg)",
      // Errors it survived earlier, for what they are worth.
      evidence: errors,
    };
  }
  return { ...cause, repeats: countRepeats(logs, cause.kind) };
}

/** This run plus the runs right before it whose stdout ended the same way. */
function countRepeats(logs: RunLogs, kind: DeathKind): number {
  if (kind !== 'out-of-heap' && kind !== 'out-of-memory' && kind !== 'error') return 1;
  const signature = stdoutSignature(logs.stdout);
  if (signature === undefined) return 1;
  let repeats = 1;
  for (const earlier of logs.earlierStdout) {
    if (stdoutSignature(earlier) !== signature) break;
    repeats++;
  }
  return repeats;
}
