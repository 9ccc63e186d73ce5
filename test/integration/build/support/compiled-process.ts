// A compiled service as its own process (plain node, the production V8 flags), with bounded waits
// for readiness and for its exit.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { basename, dirname } from 'node:path';
import { productionEnv, productionNodeArgs } from '../../../../tools/build/node-options.js';

export interface CompiledService {
  child: ChildProcess;
  /** Polls the URL until it answers 200; fails with the process's output otherwise. */
  ready(url: string, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export function startCompiled(entry: string, cwd: string, env: Record<string, string>): CompiledService {
  const service = basename(dirname(entry));
  const child = spawn(process.execPath, [...productionNodeArgs(service), entry], {
    cwd,
    env: {
      ...process.env,
      // dist/<service>/main.js runs with that service's production flags.
      ...productionEnv(service),
      BIND_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return {
    child,
    async ready(url, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`${entry} exited (${child.exitCode}):\n${output}`);
        const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
          async (r) => {
            await r.arrayBuffer();
            return r.status === 200;
          },
          () => false,
        );
        if (ok) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`${entry}: ${url} not ready within ${timeoutMs} ms:\n${output}`);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
