// A service process as an operator sees it: a bad setting stops start-up with one line naming the
// variable; SIGTERM stops a running service cleanly (exit 0) within its shutdown deadline.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

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
    const p = startBridgeProcess({
      BRIDGE_GRPC_PORT: '18391',
      BRIDGE_HTTP_PORT: '18381',
      SHUTDOWN_DEADLINE_MS: '5000',
    });
    await expect
      .poll(
        () =>
          fetch('http://127.0.0.1:18381/health/live').then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 30_000 },
      )
      .toBe(200);
    // Cassandra is unreachable: ready says so, live stays up.
    expect((await fetch('http://127.0.0.1:18381/health/ready')).status).toBe(503);
    const stoppedAt = Date.now();
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
  }, 60_000);
});
