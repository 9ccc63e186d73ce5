// The stack runner with stand-in services (test/unit/stack/fixtures/fake-service.mjs) and an
// external Cassandra address, so it needs neither Cassandra nor the real services.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { API_NODE_OPTIONS, BRIDGE_NODE_OPTIONS, PRODUCTION_ENV } from '../../../tools/build/node-options.js';
import { repoRoot } from '../../../tools/cassandra-local/index.js';
import { isProcessAlive } from '../../../tools/cassandra-local/pid-file.js';
import { runStack } from '../../../tools/stack/run-stack.js';
import type { ServiceDefinition } from '../../../tools/stack/service-registry.js';

const fixture = fileURLToPath(new URL('./fixtures/fake-service.mjs', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function fake(name: string, kind: 'bridge' | 'api', port: number, behaviour = 'normal'): ServiceDefinition {
  const env = `FAKE_${name.toUpperCase()}_PORT`;
  return {
    name,
    kind,
    entry: fixture,
    compiledEntry: fixture,
    args: [name, String(port), behaviour],
    ports: [{ env, default: port, protocol: 'http', label: 'fake' }],
    healthPortEnv: env,
  };
}

/** What `ps` shows of a running service: its command line, its NODE_OPTIONS and MALLOC_ARENA_MAX. */
function processOf(
  out: string[],
  name: string,
): { args: string[]; nodeOptions: string | undefined; mallocArenas: string | undefined } {
  const pid = new RegExp(`\\[${name}\\] +${name} listening on .* as pid (\\d+)`).exec(out.join('\n'))?.[1];
  expect(pid, `${name}'s pid`).toBeDefined();
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
  const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  const nodeOptions = env.find((e) => e.startsWith('NODE_OPTIONS='))?.slice('NODE_OPTIONS='.length);
  const mallocArenas = env.find((e) => e.startsWith('MALLOC_ARENA_MAX='))?.slice('MALLOC_ARENA_MAX='.length);
  return { args, nodeOptions, mallocArenas };
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, write: (l: string) => out.push(l), writeError: (l: string) => err.push(l) };
}

describe('stack runner', () => {
  it('starts the bridge, then the APIs, prefixes their output, and stops them in reverse order', async () => {
    const io = capture();
    const registry = [
      fake('bridge', 'bridge', await freePort()),
      fake('rest', 'api', await freePort()),
      { ...fake('docs', 'api', await freePort()), compiledEntry: 'dist/not-written-yet/main.js' },
    ];
    const stack = runStack({
      env: { ...process.env, CASSANDRA_CONTACT_POINTS: '127.0.0.99:9042', APIS: 'rest,docs' },
      registry,
      ...io,
    });
    expect(await stack.ready).toBe(true);
    const out = io.out.join('\n');
    expect(out).toContain('Using Cassandra at 127.0.0.99:9042 (CASSANDRA_CONTACT_POINTS); not starting one');
    expect(out).toMatch(
      /\[bridge\] +bridge listening on \d+ with CASSANDRA_CONTACT_POINTS=127\.0\.0\.99:9042/,
    );
    expect(out).toContain('Note: docs skipped: dist/not-written-yet/main.js does not exist yet');
    expect(out.indexOf('✔ bridge ready')).toBeLessThan(out.indexOf('Starting rest'));
    expect(out).toMatch(/✔ rest ready: http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toContain('Stack is up');

    const started = Date.now();
    expect(await stack.stop()).toBe(0);
    expect(await stack.done).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    const lines = io.out.join('\n');
    const restStop = lines.indexOf('rest got SIGTERM');
    const bridgeStop = lines.indexOf('bridge got SIGTERM');
    expect(restStop).toBeGreaterThan(-1);
    expect(bridgeStop).toBeGreaterThan(restStop);
    expect(lines).toMatch(/Stack stopped in [\d.]+ s\./);
    expect(io.err).toEqual([]);
  });

  it('npm start -- --tsx runs the TypeScript entries through tsx instead of the compiled ones', async () => {
    const io = capture();
    const registry = [
      { ...fake('bridge', 'bridge', await freePort()), compiledEntry: 'dist/not-built/main.js' },
    ];
    const stack = runStack({
      env: { ...process.env, CASSANDRA_CONTACT_POINTS: '127.0.0.99:9042', APIS: '' },
      registry,
      runner: 'tsx',
      ...io,
    });
    expect(await stack.ready).toBe(true);
    expect(io.out.join('\n')).toContain(`Starting bridge (${fixture})`);
    expect(await stack.stop()).toBe(0);
  });

  it.each(['compiled', 'tsx'] as const)(
    "runs each service with its production V8 flags and malloc arenas (%s), the user's NODE_OPTIONS after them",
    async (runner) => {
      const io = capture();
      const registry = [fake('bridge', 'bridge', await freePort()), fake('rest', 'api', await freePort())];
      const stack = runStack({
        env: {
          ...process.env,
          CASSANDRA_CONTACT_POINTS: '127.0.0.99:9042',
          APIS: 'rest',
          NODE_OPTIONS: '--trace-warnings --max-old-space-size=300',
        },
        registry,
        runner,
        ...io,
      });
      try {
        expect(await stack.ready).toBe(true);
        const loader = runner === 'tsx' ? ['--import', 'tsx'] : [];
        const bridge = processOf(io.out, 'bridge');
        // --min-semi-space-size cannot be given in NODE_OPTIONS: it comes before the entry.
        expect(bridge.args).toEqual([
          process.execPath,
          '--min-semi-space-size=8',
          '--heap-growing-percent=100',
          ...loader,
          fixture,
          'bridge',
          expect.any(String),
          'normal',
        ]);
        expect(bridge.nodeOptions).toBe(`${BRIDGE_NODE_OPTIONS} --trace-warnings --max-old-space-size=300`);
        expect(bridge.mallocArenas).toBe(PRODUCTION_ENV.MALLOC_ARENA_MAX);
        const rest = processOf(io.out, 'rest');
        expect(rest.args).toEqual([
          process.execPath,
          '--heap-growing-percent=50',
          ...loader,
          fixture,
          'rest',
          expect.any(String),
          'normal',
        ]);
        expect(rest.nodeOptions).toBe(`${API_NODE_OPTIONS} --trace-warnings --max-old-space-size=300`);
        expect(rest.mallocArenas).toBe('2');
      } finally {
        expect(await stack.stop()).toBe(0);
      }
    },
  );

  it('a service that exits on its own is reported loudly and takes the whole stack down', async () => {
    const io = capture();
    const registry = [
      fake('bridge', 'bridge', await freePort()),
      fake('rest', 'api', await freePort(), 'exit-after-ready'),
    ];
    const stack = runStack({
      env: { ...process.env, CASSANDRA_CONTACT_POINTS: '127.0.0.99:9042', APIS: 'rest' },
      registry,
      ...io,
    });
    expect(await stack.done).toBe(1);
    const errors = io.err.join('\n');
    expect(errors).toContain('✖ rest exited unexpectedly (exit code 3). Its last output:');
    expect(errors).toContain('rest is failing on purpose');
    expect(errors).toContain('Stopping the whole stack (nothing is restarted automatically).');
    expect(io.out.join('\n')).toContain('bridge got SIGTERM');
  });

  it('a service that never gets ready fails the start after the bounded wait', async () => {
    const io = capture();
    const port = await freePort();
    // Health is asked on a port nobody serves.
    const bridge = { ...fake('bridge', 'bridge', port), healthPortEnv: 'NOBODY_PORT' };
    bridge.ports = [
      ...bridge.ports,
      { env: 'NOBODY_PORT', default: await freePort(), protocol: 'http', label: 'x' },
    ];
    const stack = runStack({
      env: { ...process.env, CASSANDRA_CONTACT_POINTS: '127.0.0.99:9042', APIS: '' },
      registry: [bridge],
      readyTimeoutMs: 1_500,
      ...io,
    });
    expect(await stack.ready).toBe(false);
    expect(await stack.done).toBe(1);
    expect(io.err.join('\n')).toMatch(
      /✖ bridge did not answer http:\/\/127\.0\.0\.1:\d+\/health\/ready with 200 within 2 s/,
    );
  });

  it('npm start with an unknown API stops at once with one line, starting nothing', async () => {
    const result = await runEntry({ APIS: 'rest,bogus', CASSANDRA_CONTACT_POINTS: '' });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      'APIS names unknown API "bogus"; known: rest, docs, graphql, grpc (comma-separated, empty for none)',
    ]);
  });

  it('npm start against an existing Cassandra with no APIs: the bridge is started or skipped, SIGTERM stops it', async () => {
    const env = {
      APIS: '',
      CASSANDRA_CONTACT_POINTS: '127.0.0.99:9042',
      BRIDGE_HTTP_PORT: String(await freePort()),
      BRIDGE_GRPC_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
    };
    const result = await runEntry(env, (stdout, child) => {
      if (stdout.includes('Starting bridge')) setTimeout(() => child.kill('SIGTERM'), 1_000);
    });
    // The services are compiled first and run from dist/.
    expect(result.stdout).toMatch(/Compiled the services into dist\/ in \d+ ms/);
    expect(result.stdout).toContain('Using Cassandra at 127.0.0.99:9042');
    if (result.stdout.includes('bridge skipped')) {
      // No bridge written yet: nothing to run, a clean exit.
      expect(result.stdout).toContain('Nothing to run');
      expect(result.code).toBe(0);
    } else if (result.stderr.includes('exited unexpectedly')) {
      expect(result.code).toBe(1); // a broken bridge is reported, never ignored
    } else {
      expect(result.stdout).toContain('Starting bridge (dist/bridge/main.js)');
      expect(result.stdout).toContain('SIGTERM: stopping everything the stack started');
      expect(result.stdout).toMatch(/Stack stopped in [\d.]+ s\./);
      expect(result.code).toBe(0);
    }
  }, 60_000);
});

function runEntry(
  env: Record<string, string>,
  onStdout?: (stdout: string, child: ReturnType<typeof spawn>) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'tools/stack/start-stack.ts')], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let notified = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!notified && onStdout && stdout.includes('Starting bridge')) {
        notified = true;
        onStdout(stdout, child);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      expect(isProcessAlive(child.pid!)).toBe(false);
      resolve({ code, stdout, stderr });
    });
  });
}
