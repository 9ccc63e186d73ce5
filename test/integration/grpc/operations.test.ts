// Running the gRPC API: health (gRPC and HTTP), reflection, metrics, keepalive, deadlines, 200
// concurrent calls, and the README tour's client example, as pasted.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { Batch, BatchQuery, Values } from '@stargate-oss/stargate-grpc-node-client';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { connectionRefused } from '../../support/connection-refused.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { startTestGrpcApi, type TestGrpcApi } from './support/grpc-api-harness.js';
import { authMetadata, connect, int, openStream, query, runStream, text } from './support/node-client.js';
import { connectProto, executeQuery, ok, tokenMetadata } from './support/proto-client.js';

const ks = uniqueKeyspaceName('grpc_ops');
let t: TestBridge;
let api: TestGrpcApi;
let stargate: ReturnType<typeof connect>;
let auth: grpc.Metadata;

type GrpcConstructor = new (address: string, credentials: grpc.ChannelCredentials) => grpc.Client;

function loadClient(file: string, service: string, includeDirs: string[] = []): GrpcConstructor {
  const pkg = grpc.loadPackageDefinition(protoLoader.loadSync(file, { includeDirs, enums: String }));
  return service
    .split('.')
    .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], pkg) as GrpcConstructor;
}

function healthCheck(address: string, service: string): Promise<{ status?: string; code?: grpc.status }> {
  const Health = loadClient(healthProtoPath, 'grpc.health.v1.Health');
  const client = new Health(address, grpc.credentials.createInsecure()) as grpc.Client & {
    Check(req: object, cb: (err: grpc.ServiceError | null, res?: { status: string }) => void): void;
  };
  return new Promise((resolve) =>
    client.Check({ service }, (err, res) => {
      client.close();
      resolve(err ? { code: err.code } : { status: res?.status });
    }),
  );
}

/** The _count of grpc_server_request_duration_seconds for one method and status (0 if absent). */
function sampleCount(metrics: string, method: string, status: string): number {
  const line = metrics
    .split('\n')
    .find(
      (l) =>
        l.startsWith('grpc_server_request_duration_seconds_count{') &&
        l.includes(`method="${method}"`) &&
        l.includes(`status="${status}"`),
    );
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

beforeAll(async () => {
  t = await startTestBridge();
  // 200 concurrent calls below: above the default in-flight limit (192), which would shed some.
  api = await startTestGrpcApi(t.address, { MAX_IN_FLIGHT_REQUESTS: '256' });
  stargate = connect(api.address);
  auth = await authMetadata(t.token);
  await stargate.api.executeQuery(
    query(`CREATE KEYSPACE ${ks} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`),
    auth,
  );
  await stargate.api.executeQuery(query(`CREATE TABLE ${ks}.kv (k int PRIMARY KEY, v text)`), auth);
});

afterAll(async () => {
  if (stargate && auth) {
    await stargate.api.executeQuery(query(`DROP KEYSPACE IF EXISTS ${ks}`), auth).catch(() => undefined);
  }
  stargate?.client.close();
  await api?.close();
  await t?.close();
});

describe('health', () => {
  it('grpc.health.v1 says SERVING for the server and for stargate.Stargate while the bridge answers', async () => {
    expect(await healthCheck(api.address, '')).toEqual({ status: 'SERVING' });
    expect(await healthCheck(api.address, 'stargate.Stargate')).toEqual({ status: 'SERVING' });
    expect(await healthCheck(api.address, 'no.such.Service')).toEqual({ code: grpc.status.NOT_FOUND });
  });

  it('the admin port serves /health/live, /health/ready and /metrics', async () => {
    expect(await (await fetch(`${api.adminUrl}/health/live`)).json()).toEqual({ status: 'UP' });
    expect(await (await fetch(`${api.adminUrl}/health/ready`)).json()).toEqual({ status: 'READY' });
    await stargate.api.executeQuery(query(`SELECT * FROM ${ks}.kv`), auth);
    await stargate.api.executeQuery(query('SELEC 1'), auth).catch(() => undefined);
    const metrics = await (await fetch(`${api.adminUrl}/metrics`)).text();
    expect(sampleCount(metrics, 'ExecuteQuery', 'OK')).toBeGreaterThan(0);
    expect(sampleCount(metrics, 'ExecuteQuery', 'INVALID_ARGUMENT')).toBeGreaterThan(0);
  });

  it('without a bridge: NOT_SERVING, /health/ready 503, calls UNAVAILABLE', async () => {
    const orphan = await startTestGrpcApi('127.0.0.1:1', { BRIDGE_DEADLINE_MS: '2000' });
    try {
      expect(await healthCheck(orphan.address, '')).toEqual({ status: 'NOT_SERVING' });
      const ready = await fetch(`${orphan.adminUrl}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        status: 'NOT READY',
        detail: expect.stringContaining('127.0.0.1:1'),
      });
      const client = connectProto(orphan.address);
      const { err } = await executeQuery(
        client,
        { cql: 'SELECT * FROM system.local' },
        tokenMetadata(t.token),
      );
      client.close();
      expect(err?.code).toBe(grpc.status.UNAVAILABLE);
    } finally {
      await orphan.close();
    }
  });
});

describe('reflection', () => {
  it('lists the services and serves their descriptors (what grpcurl needs)', async () => {
    const reflectionProto = path.join(
      path.dirname(createRequire(import.meta.url).resolve('@grpc/reflection')),
      '../proto/grpc/reflection/v1/reflection.proto',
    );
    const Reflection = loadClient(reflectionProto, 'grpc.reflection.v1.ServerReflection');
    const client = new Reflection(api.address, grpc.credentials.createInsecure()) as grpc.Client & {
      ServerReflectionInfo(): grpc.ClientDuplexStream<object, Record<string, unknown>>;
    };
    const call = client.ServerReflectionInfo();
    const replies: Record<string, unknown>[] = [];
    const done = new Promise<void>((resolve, reject) => {
      call.on('data', (r: Record<string, unknown>) => replies.push(r));
      call.on('end', resolve);
      call.on('error', reject);
    });
    call.write({ listServices: '' });
    call.write({ fileContainingSymbol: 'stargate.Stargate' });
    call.end();
    await done;
    client.close();
    const [listed, described] = replies as [Record<string, unknown>, Record<string, unknown>];
    const services = (listed.listServicesResponse as { service: { name: string }[] }).service.map(
      (s) => s.name,
    );
    expect(services).toEqual(expect.arrayContaining(['stargate.Stargate', 'grpc.health.v1.Health']));
    const files = (described.fileDescriptorResponse as { fileDescriptorProto: Buffer[] }).fileDescriptorProto;
    expect(Buffer.concat(files).includes('ExecuteQueryStream')).toBe(true);
    expect(Buffer.concat(files).includes('StreamingResponse')).toBe(true);
  });
});

describe('connections and deadlines', () => {
  it('keeps a connection whose client pings every second, even without calls (no GOAWAY too_many_pings)', async () => {
    const client = connectProto(api.address, {
      'grpc.keepalive_time_ms': 1000,
      'grpc.keepalive_timeout_ms': 1000,
      'grpc.keepalive_permit_without_calls': 1,
    });
    const md = tokenMetadata(t.token);
    await ok(executeQuery(client, { cql: 'SELECT release_version FROM system.local' }, md));
    const channel = client.getChannel();
    const states = new Set<grpc.connectivityState>();
    for (let i = 0; i < 35; i++) {
      states.add(channel.getConnectivityState(false));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect([...states].map((s) => grpc.connectivityState[s])).toEqual(['READY']);
    await ok(executeQuery(client, { cql: 'SELECT release_version FROM system.local' }, md));
    client.close();
  });

  it("honours the client's deadline and leaves no bridge request behind", async () => {
    const client = connectProto(api.address);
    const { err } = await executeQuery(
      client,
      { cql: `SELECT * FROM ${ks}.kv`, parameters: { tracing: true } },
      tokenMetadata(t.token),
      { deadline: Date.now() + 3 },
    );
    expect(err?.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    await expect.poll(() => api.bridge.inFlight, { timeout: 2000 }).toBe(0);
    await ok(executeQuery(client, { cql: `SELECT * FROM ${ks}.kv` }, tokenMetadata(t.token)));
    client.close();
  });
});

describe('shutdown', () => {
  it('turns NOT_SERVING, finishes, and cuts streams still open after the grace period', async () => {
    const doomed = await startTestGrpcApi(t.address);
    const client = connectProto(doomed.address);
    const stream = client.ExecuteQueryStream(tokenMetadata(t.token));
    const ended = new Promise<grpc.status | undefined>((resolve) => {
      stream.on('error', (err: grpc.ServiceError) => resolve(err.code));
      stream.on('end', () => resolve(undefined));
    });
    const first = new Promise((resolve) => stream.once('data', resolve));
    stream.on('data', () => undefined);
    stream.write({ cql: 'SELECT release_version FROM system.local' });
    await first;
    const Health = loadClient(healthProtoPath, 'grpc.health.v1.Health');
    const health = new Health(doomed.address, grpc.credentials.createInsecure()) as grpc.Client & {
      Watch(req: object): grpc.ClientReadableStream<{ status: string }>;
    };
    const watched: string[] = [];
    const watch = health.Watch({ service: '' });
    watch.on('data', (r: { status: string }) => watched.push(r.status));
    watch.on('error', () => undefined);
    await expect.poll(() => watched).toEqual(['SERVING']);

    const started = Date.now();
    await doomed.close(300);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(watched).toEqual(['SERVING', 'NOT_SERVING']);
    expect(await ended).toBeDefined();
    client.close();
    health.close();
  });
});

describe('drain', () => {
  it('says "draining" on readiness, refuses new connections and still answers a stream open at shutdown', async () => {
    const draining = await startTestGrpcApi(t.address);
    const client = connectProto(draining.address);
    const stream = client.ExecuteQueryStream(tokenMetadata(t.token));
    const replies: unknown[] = [];
    stream.on('data', (reply) => replies.push(reply));
    const ended = new Promise<grpc.status>((resolve) => {
      stream.on('error', (err: grpc.ServiceError) => resolve(err.code));
      stream.on('status', (s: grpc.StatusObject) => resolve(s.code));
    });
    stream.write({ cql: 'SELECT release_version FROM system.local' });
    await expect.poll(() => replies.length).toBe(1);

    const startedAt = Date.now();
    const closing = draining.close(10_000);
    const ready = await fetch(`${draining.adminUrl}/health/ready`);
    expect([ready.status, await ready.json()]).toEqual([503, { status: 'NOT READY', detail: 'draining' }]);
    await expect.poll(() => connectionRefused(draining.grpcPort), { timeout: 1000 }).toBe(true);
    stream.write({ cql: 'SELECT release_version FROM system.local' });
    await expect.poll(() => replies.length).toBe(2);
    stream.end();
    expect(await ended).toBe(grpc.status.OK);
    await closing;
    // It stopped when the stream ended, not at the end of the grace period.
    expect(Date.now() - startedAt).toBeLessThan(5000);
    client.close();
  });
});

describe('200 concurrent calls', () => {
  it('are all answered correctly, unary and on one stream', async () => {
    const batch = new Batch();
    batch.setType(Batch.Type.UNLOGGED);
    batch.setQueriesList(
      Array.from({ length: 200 }, (_, k) => {
        const q = new BatchQuery();
        q.setCql(`INSERT INTO ${ks}.kv (k, v) VALUES (?, ?)`);
        const v = new Values();
        v.setValuesList([int(k), text(`value-${k}`)]);
        q.setValues(v);
        return q;
      }),
    );
    await stargate.api.executeBatch(batch, auth);

    const keys = Array.from({ length: 200 }, (_, k) => k);
    const read = (k: number) => query(`SELECT v FROM ${ks}.kv WHERE k = ?`, [int(k)]);
    const responses = await Promise.all(keys.map((k) => stargate.api.executeQuery(read(k), auth)));
    expect(responses.map((r) => r.getResultSet()?.getRowsList()[0]?.getValuesList()[0]?.getString())).toEqual(
      keys.map((k) => `value-${k}`),
    );

    const { replies, error } = await runStream(
      openStream(stargate.client, 'ExecuteQueryStream', auth),
      keys.map(read),
    );
    expect(error).toBeUndefined();
    expect(
      replies.map((r) => r.response?.getResultSet()?.getRowsList()[0]?.getValuesList()[0]?.getString()),
    ).toEqual(keys.map((k) => `value-${k}`));
  });
});

describe('the README tour (docs/grpc.md)', () => {
  it('runs as pasted, against this service and bridge', async () => {
    const doc = readFileSync(new URL('../../../docs/grpc.md', import.meta.url), 'utf8');
    const example = /```js\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const tourKeyspace = uniqueKeyspaceName('grpc_tour');
    const code = example!
      .replaceAll('http://localhost:8081', t.httpUrl)
      .replaceAll('localhost:8090', api.address)
      .replaceAll('tour.', `${tourKeyspace}.`)
      .replaceAll('EXISTS tour ', `EXISTS ${tourKeyspace} `);
    const cwd = new URL('../../../', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', code], {
      cwd,
      timeout: 30_000,
    });
    expect(stdout.trim()).toBe('1 Ada');
    await stargate.api.executeQuery(query(`DROP KEYSPACE ${tourKeyspace}`), auth);
  });
});
