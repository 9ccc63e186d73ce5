// Why a node died, from log lines shaped like Cassandra 5.0's and the JVM's own: out of heap (and
// where: commit-log replay, start-up, serving), other errors, a normal stop, a silent kill, and
// deaths that repeat from one start to the next.
import { describe, expect, it } from 'vitest';
import { diagnoseDeath, type RunLogs } from '../../../tools/cassandra-local/death-cause.js';

let second = 10;
function log(level: string, where: string, message: string): string {
  second++;
  return `${level.padEnd(5)} [main] 2026-12-02 09:48:${second},715 ${where} - ${message}`;
}

function runStart(xmx = '1024M'): string[] {
  return [
    log(
      'INFO',
      'YamlConfigurationLoader.java:103',
      'Configuration location: file:/d/node1/conf/cassandra.yaml',
    ),
    log(
      'INFO',
      'Config.java:1371',
      'Node configuration:[auto_snapshot=false; dump_heap_on_uncaught_exception=false]',
    ),
    log(
      'INFO',
      'CassandraDaemon.java:619',
      `JVM Arguments: [-Xms${xmx}, -Xmx${xmx}, -XX:+ExitOnOutOfMemoryError]`,
    ),
  ];
}
const replaying = log(
  'INFO',
  'CommitLog.java:195',
  'Replaying /d/node1/commitlog/CommitLog-7-1.log, /d/node1/commitlog/CommitLog-7-2.log',
);
const replayed = log('INFO', 'CommitLog.java:215', 'Log replay complete, 1204 replayed mutations in 3121 ms');
const serving = [
  log(
    'INFO',
    'PipelineConfigurator.java:148',
    'Starting listening for CQL clients on /127.0.0.1:9042 (unencrypted)...',
  ),
  log('INFO', 'CassandraDaemon.java:744', 'Startup complete'),
];
const heapOom = 'Terminating due to java.lang.OutOfMemoryError: Java heap space';
const stopped = [
  log('INFO', 'StorageService.java:1500', 'DRAINING: starting drain process'),
  log('INFO', 'StorageService.java:1600', 'DRAINED'),
];

function logs(fields: Partial<RunLogs>): RunLogs {
  return { systemLog: [], stdout: [], earlierStdout: [], ...fields };
}

describe('out of heap', () => {
  it('while replaying the commit log: the heap from the JVM arguments, the JVM line as evidence', () => {
    const cause = diagnoseDeath(logs({ systemLog: [...runStart(), replaying], stdout: [heapOom] }));
    expect(cause).toMatchObject({
      kind: 'out-of-heap',
      phase: 'commit-log replay',
      heapMb: 1024,
      repeats: 1,
      summary: 'ran out of heap (1024 MiB) while replaying its commit log',
    });
    expect(cause.evidence[0]).toBe(heapOom);
  });

  it('after the replay and once serving: no phase in the summary; -Xmx4G read as 4096 MiB', () => {
    const cause = diagnoseDeath(
      logs({ systemLog: [...runStart('4G'), replaying, replayed, ...serving], stdout: [heapOom] }),
    );
    expect(cause).toMatchObject({ phase: 'running', summary: 'ran out of heap (4096 MiB)' });
  });

  it('before the replay, or with no commit log to replay: during start-up', () => {
    const none = log('INFO', 'CommitLog.java:201', 'No commitlog files found; skipping replay');
    expect(diagnoseDeath(logs({ systemLog: runStart(), stdout: [heapOom] })).summary).toBe(
      'ran out of heap (1024 MiB) during start-up',
    );
    expect(diagnoseDeath(logs({ systemLog: [...runStart(), none], stdout: [heapOom] })).phase).toBe(
      'start-up',
    );
  });

  it('found in system.log when stdout has nothing (Cassandra logged it); "GC overhead" is the heap too', () => {
    const run = [
      ...runStart(),
      ...serving,
      log('ERROR', 'JVMStabilityInspector.java:200', 'OutOfMemory error letting the JVM handle the error:'),
      'java.lang.OutOfMemoryError: GC overhead limit exceeded',
      '\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)',
    ];
    expect(diagnoseDeath(logs({ systemLog: run }))).toMatchObject({
      kind: 'out-of-heap',
      summary: 'ran out of heap (1024 MiB)',
    });
  });

  it('node.json heap wins over the log; unknown heap is left out rather than guessed', () => {
    expect(diagnoseDeath(logs({ systemLog: runStart(), stdout: [heapOom] }), { heapMb: 2048 }).heapMb).toBe(
      2048,
    );
    expect(diagnoseDeath(logs({ stdout: [heapOom] })).summary).toBe('ran out of heap during start-up');
  });

  it('other memory pools are named', () => {
    const cause = diagnoseDeath(
      logs({
        systemLog: [...runStart(), ...serving],
        stdout: ['Terminating due to java.lang.OutOfMemoryError: Direct buffer memory'],
      }),
    );
    expect(cause).toMatchObject({
      kind: 'out-of-memory',
      summary: 'ran out of memory (Direct buffer memory)',
    });
  });

  it('counts the starts in a row that died the same way (stdout.log, .1, .2 …), up to the first that did not', () => {
    const cause = diagnoseDeath(
      logs({
        systemLog: [...runStart(), replaying],
        stdout: ['WARN  [main] … something', heapOom],
        earlierStdout: [[heapOom], ['noise', heapOom], [], [heapOom]],
      }),
    );
    expect(cause.repeats).toBe(3);
  });
});

describe('runs in system.log', () => {
  it('only the last run counts: an earlier out-of-heap does not explain a normal stop', () => {
    const earlier = [
      ...runStart(),
      log('ERROR', 'JVMStabilityInspector.java:200', 'OutOfMemory error letting the JVM handle the error:'),
      'java.lang.OutOfMemoryError: Java heap space',
    ];
    const cause = diagnoseDeath(logs({ systemLog: [...earlier, ...runStart(), ...serving, ...stopped] }));
    expect(cause).toMatchObject({
      kind: 'stopped',
      summary: 'was stopped (its log ends with a normal shutdown)',
    });
  });
});

describe('errors', () => {
  it('a start-up error: its ERROR line and exception line, never the stack frames', () => {
    const run = [
      ...runStart(),
      log('ERROR', 'CassandraDaemon.java:900', 'Exception encountered during startup'),
      'org.apache.cassandra.exceptions.ConfigurationException: Invalid yaml: num_tokens "not-a-number"',
      '\tat org.apache.cassandra.config.YamlConfigurationLoader.loadConfig(YamlConfigurationLoader.java:160)',
      '\t... 5 common frames omitted',
    ];
    const cause = diagnoseDeath(logs({ systemLog: run }), { exit: { code: 3, signal: null } });
    expect(cause).toMatchObject({
      kind: 'error',
      phase: 'start-up',
      summary:
        'stopped on an error during start-up: Exception encountered during startup ' +
        '(ConfigurationException: Invalid yaml: num_tokens "not-a-number")',
    });
    expect(cause.evidence).toEqual([
      run[3],
      '  org.apache.cassandra.exceptions.ConfigurationException: Invalid yaml: num_tokens "not-a-number"',
    ]);
  });

  it('a JVM that never reached logback: what it printed', () => {
    const cause = diagnoseDeath(
      logs({
        stdout: ['WARNING: A terminally deprecated method', 'Error: Could not find or load main class X'],
      }),
    );
    expect(cause).toMatchObject({
      kind: 'error',
      summary: 'stopped on an error during start-up: Error: Could not find or load main class X',
      evidence: ['Error: Could not find or load main class X'],
    });
  });

  it('a serving node that survived an error long ago and then vanished was killed, not stopped by the error', () => {
    const filler = Array.from({ length: 60 }, (_, i) =>
      log('INFO', 'Flushing.java:153', `Writing Memtable-${i}`),
    );
    const old = log('ERROR', 'Message.java:100', 'Unexpected exception during request');
    const cause = diagnoseDeath(logs({ systemLog: [...runStart(), ...serving, old, ...filler] }));
    expect(cause.kind).toBe('killed');
    expect(cause.summary).toBe(
      "was killed without a word in its logs (SIGKILL by someone, or the kernel's out-of-memory killer: see dmesg)",
    );
    expect(cause.evidence).toEqual([old]);
  });

  it('the same error at the end of a serving node is its cause', () => {
    const last = log(
      'ERROR',
      'DefaultFSErrorHandler.java:90',
      'Stopping transports as disk_failure_policy is stop',
    );
    const cause = diagnoseDeath(logs({ systemLog: [...runStart(), ...serving, last] }));
    expect(cause).toMatchObject({
      kind: 'error',
      phase: 'running',
      summary: 'stopped on an error: Stopping transports as disk_failure_policy is stop',
    });
  });
});

describe('no error in the logs', () => {
  it('the signal when the parent saw it', () => {
    const cause = diagnoseDeath(logs({ systemLog: [...runStart(), ...serving] }), {
      exit: { code: null, signal: 'SIGKILL' },
    });
    expect(cause).toMatchObject({ kind: 'killed', summary: 'was killed by SIGKILL' });
  });

  it('the exit code when there was one', () => {
    const cause = diagnoseDeath(logs({ systemLog: runStart() }), { exit: { code: 1, signal: null } });
    expect(cause).toMatchObject({
      kind: 'exited',
      summary: 'exited with code 1 during start-up without an error in its logs',
    });
  });
});
