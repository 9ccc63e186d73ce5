// A service process as an operator sees it: a bad setting stops start-up with one line naming the
// variable; SIGTERM stops a running service cleanly (exit 0) within its shutdown deadline.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../integration/build/support/compiled-process.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

// Every child is killed after its test, whatever happened: a bridge left running would hold its
// ports for whatever runs next on the machine.
const started: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of started.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function startBridgeProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/bridge/src/main.ts'], {
    cwd: root,
    // Nothing listens on this address: the bridge starts and serves health while it retries.
    env: {
      ...process.env,
      CASSANDRA_CONTACT_POINTS: '127.0.0.1:1',
      BIND_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
  started.push(child);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

describe('service process', () => {
  it('refuses a bad setting with one line naming the variable, the value and what is allowed', async () => {
    const p = startBridgeProcess({ BRIDGE_GRPC_PORT: 'eighty' });
    expect(await p.exited).toBe(1);
    expect(p.stderr().trim()).toBe(
      'invalid configuration: BRIDGE_GRPC_PORT="eighty" is not allowed; expected an integer from 0 to 65535',
    );
  });

  it('stops on SIGTERM with exit code 0', async () => {
    // Free ports, not fixed ones: another checkout's tests may run on this machine at the same time.
    const [grpcPort, httpPort] = [await freePort(), await freePort()];
    const p = startBridgeProcess({
      BRIDGE_GRPC_PORT: String(grpcPort),
      BRIDGE_HTTP_PORT: String(httpPort),
      SHUTDOWN_DEADLINE_MS: '5000',
    });
    await expect
      .poll(
        () =>
          fetch(`http://127.0.0.1:${httpPort}/health/live`).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 30_000 },
      )
      .toBe(200);
    // Cassandra is unreachable: ready says so, live stays up.
    expect((await fetch(`http://127.0.0.1:${httpPort}/health/ready`)).status).toBe(503);
    const stoppedAt = Date.now();
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
  }, 60_000);
});
