// The shipped artifact works: `npm run build`'s output, run with plain node as the image runs it
// (from another working directory, with the production V8 flags), serves each API against the
// test Cassandra. The bridge and each API are their own processes on free ports; each API answers
// one authenticated request, and one without a token is refused.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../tools/cassandra-local/index.js';
import { testContactPoints } from '../../support/bridge-harness.js';
import { connectProto, executeQuery, tokenMetadata } from '../grpc/support/proto-client.js';
import { type CompiledService, freePort, startCompiled } from './support/compiled-process.js';

// Its own folder under dist/: a developer's dist/ and concurrent runs are left alone.
const outDir = join(repoRoot, 'dist', `test-${process.pid}`);
const started: CompiledService[] = [];
let token = '';
let ports: Record<string, number> = {};

beforeAll(async () => {
  const build = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'tools/build/build.ts'), '--out', outDir],
    { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 },
  );
  expect(build.stderr).toBe('');
  expect(build.status).toBe(0);
  expect(build.stdout).toMatch(/^built .*\(bundle-deps\) in \d+ ms\n$/);
  // A bundled package that looks for files next to its own code would look in dist/ instead:
  // such packages stay external (KEEP_EXTERNAL in tools/build/build-services.ts).
  for (const name of ['bridge', 'rest', 'docs', 'graphql', 'grpc']) {
    const bundle = readFileSync(join(outDir, name, 'service.js'), 'utf8');
    expect(bundle.match(/.*\b__(dirname|filename)\b.*/g) ?? [], name).toEqual([]);
    // Tracing is off by default and then loads nothing: OpenTelemetry is only imported dynamically.
    expect(bundle.match(/.*\bfrom ["']@opentelemetry\/.*/g) ?? [], name).toEqual([]);
    expect(bundle, name).toContain('import("@opentelemetry/sdk-trace")');
  }

  ports = {};
  for (const name of [
    'BRIDGE_GRPC_PORT',
    'BRIDGE_HTTP_PORT',
    'REST_PORT',
    'DOCS_PORT',
    'GRAPHQL_PORT',
    'GRPC_PORT',
    'GRPC_ADMIN_PORT',
  ]) {
    ports[name] = await freePort();
  }
  const env = Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)]));
  const cwd = tmpdir();
  const bridge = startCompiled(join(outDir, 'bridge/main.js'), cwd, {
    ...env,
    CASSANDRA_CONTACT_POINTS: testContactPoints(),
  });
  started.push(bridge);
  await bridge.ready(`http://127.0.0.1:${ports.BRIDGE_HTTP_PORT}/health/ready`, 30_000);
  const login = await fetch(`http://127.0.0.1:${ports.BRIDGE_HTTP_PORT}/v1/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'cassandra', password: 'cassandra' }),
  });
  expect(login.status).toBe(201);
  token = ((await login.json()) as { authToken: string }).authToken;

  const apiEnv = { ...env, BRIDGE_ADDRESS: `127.0.0.1:${ports.BRIDGE_GRPC_PORT}` };
  const apis: [string, string][] = [
    ['rest', `http://127.0.0.1:${ports.REST_PORT}/health/ready`],
    ['docs', `http://127.0.0.1:${ports.DOCS_PORT}/health/ready`],
    ['graphql', `http://127.0.0.1:${ports.GRAPHQL_PORT}/health/ready`],
    ['grpc', `http://127.0.0.1:${ports.GRPC_ADMIN_PORT}/health/ready`],
  ];
  const processes = apis.map(([name]) => startCompiled(join(outDir, name, 'main.js'), cwd, apiEnv));
  started.push(...processes);
  await Promise.all(processes.map((p, i) => p.ready(apis[i]![1], 30_000)));
}, 120_000);

afterAll(async () => {
  await Promise.all(started.reverse().map((p) => p.stop()));
  rmSync(outDir, { recursive: true, force: true });
});

async function get(url: string, withToken = true): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { headers: withToken ? { 'x-cassandra-token': token } : {} });
  return { status: res.status, body: await res.text() };
}

describe('the compiled services (node dist/<name>/main.js)', () => {
  it('REST lists the keyspaces', async () => {
    const url = `http://127.0.0.1:${ports.REST_PORT}/v2/schemas/keyspaces`;
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).data).toContainEqual(expect.objectContaining({ name: 'system' }));
    expect((await get(url, false)).status).toBe(401);
  });

  it('the Document API lists the namespaces', async () => {
    const res = await get(`http://127.0.0.1:${ports.DOCS_PORT}/v2/schemas/namespaces`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).data).toContainEqual(expect.objectContaining({ name: 'system' }));
  });

  it('GraphQL lists the keyspaces', async () => {
    const res = await fetch(`http://127.0.0.1:${ports.GRAPHQL_PORT}/graphql-schema`, {
      method: 'POST',
      headers: { 'x-cassandra-token': token, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ keyspaces { name } }' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data?: { keyspaces: { name: string }[] }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.keyspaces).toContainEqual({ name: 'system' });
  });

  it('the GraphQL playground finds its pinned GraphiQL and React from the compiled service', async () => {
    const page = await get(`http://127.0.0.1:${ports.GRAPHQL_PORT}/playground`);
    expect(page.status).toBe(200);
    const assets = [...page.body.matchAll(/(?:src|href)="(playground\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toHaveLength(4);
    for (const asset of assets)
      expect((await get(`http://127.0.0.1:${ports.GRAPHQL_PORT}/${asset}`)).status).toBe(200);
  });

  it('the gRPC API runs a query', async () => {
    const client = connectProto(`127.0.0.1:${ports.GRPC_PORT}`);
    try {
      const { err, res } = await executeQuery(
        client,
        { cql: 'SELECT release_version FROM system.local' },
        tokenMetadata(token),
        { deadline: Date.now() + 10_000 },
      );
      expect(err).toBeNull();
      expect(res?.resultSet?.rows).toHaveLength(1);
    } finally {
      client.close();
    }
  });
});
