// Starts a service of ours as its own process (so its CPU and memory are measured apart) and waits
// until its readiness URL answers 200. Optionally also times the first successful request of a
// caller's choice (the cold start: process spawn to first answered request), passes extra node
// flags (--cpu-prof) and prefixes the service's output with its name.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface SpawnedService {
  child: ChildProcess;
  pid: number;
  /** Date.now() at spawn. */
  spawnedAt: number;
  /** Milliseconds from spawn to the first 200 from the readiness URL. */
  startupMs: number;
  /** Milliseconds from spawn to the first `firstRequest` that succeeded (when one was given). */
  firstRequestMs?: number;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** Node flags before `--import tsx` (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** `tsx` (default): node --import tsx <entry>; `node`: plain node <entry> (precompiled JavaScript). */
  runner?: 'tsx' | 'node';
  /** Polled from spawn on, beside the readiness URL, until it resolves true. */
  firstRequest?: () => Promise<boolean>;
  /** Prefix every output line with `[label] ` instead of passing output through as is. */
  label?: string;
  /** Every output line (stdout and stderr) goes here instead (a test reading the service's logs). */
  output?: (line: string) => void;
  /** Poll interval in ms (default 20). */
  pollMs?: number;
}

const POLL_FETCH_TIMEOUT_MS = 2_000;

export async function spawnService(
  entry: string,
  env: Record<string, string>,
  readyUrl: string,
  timeoutMs = 60_000,
  options: SpawnOptions = {},
): Promise<SpawnedService> {
  const pollMs = options.pollMs ?? 20;
  const started = Date.now();
  const loader = options.runner === 'node' ? [] : ['--import', 'tsx'];
  const piped = options.label !== undefined || options.output !== undefined;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...loader, entry], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', piped ? 'pipe' : 'inherit', piped ? 'pipe' : 'inherit'],
  });
  if (piped) {
    const output = options.output ?? ((line: string) => console.log(`[${options.label}] ${line}`));
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', output);
    }
  }
  let exitError: Error | undefined;
  child.once('exit', (code, signal) => {
    exitError = new Error(`${entry} exited (${signal ?? code}) before it was ready`);
  });

  const pollUntil = async (attempt: () => Promise<boolean>, what: string): Promise<number> => {
    for (;;) {
      if (exitError) throw exitError;
      if (Date.now() - started > timeoutMs) throw new Error(`${entry}: no ${what} after ${timeoutMs} ms`);
      if (await attempt().catch(() => false)) return Date.now() - started;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  };
  const ready = () =>
    fetch(readyUrl, { signal: AbortSignal.timeout(POLL_FETCH_TIMEOUT_MS) }).then(
      async (r) => {
        await r.arrayBuffer();
        return r.status === 200;
      },
      () => false,
    );
  try {
    const [startupMs, firstRequestMs] = await Promise.all([
      pollUntil(ready, 'readiness'),
      options.firstRequest ? pollUntil(options.firstRequest, 'successful first request') : undefined,
    ]);
    return {
      child,
      pid: child.pid!,
      spawnedAt: started,
      startupMs,
      firstRequestMs,
      stop: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    };
  } catch (err) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    throw err;
  }
}
