// As an operator sees it: a TLS file a service cannot read stops its start with one line naming
// the variable and the file, exit code 1, before it listens anywhere.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

function run(main: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: root,
    env: { ...process.env, BIND_HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

describe('a TLS file that cannot be read', () => {
  it('stops the bridge with one line', async () => {
    const { code, stderr } = await run('services/bridge/src/main.ts', {
      CASSANDRA_CONTACT_POINTS: '127.0.0.1:1',
      BRIDGE_GRPC_PORT: '0',
      BRIDGE_HTTP_PORT: '0',
      BRIDGE_CASSANDRA_TLS_ENABLED: 'true',
      BRIDGE_CASSANDRA_TLS_CA_FILE: '/nonexistent/ca.crt',
    });
    expect(code).toBe(1);
    expect(stderr).toBe('BRIDGE_CASSANDRA_TLS_CA_FILE=/nonexistent/ca.crt cannot be read (ENOENT)\n');
  }, 60_000);

  it('stops an API with one line', async () => {
    const { code, stderr } = await run('services/rest/src/main.ts', {
      REST_PORT: '0',
      BRIDGE_TLS_CA_FILE: '/nonexistent/bridge-ca.crt',
    });
    expect(code).toBe(1);
    expect(stderr).toBe('BRIDGE_TLS_CA_FILE=/nonexistent/bridge-ca.crt cannot be read (ENOENT)\n');
  }, 60_000);
});
