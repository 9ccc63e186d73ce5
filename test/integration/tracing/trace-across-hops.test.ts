// OpenTelemetry traces across the hops, as an operator sees them in a collector: the bridge and the
// APIs run as their own processes with OTEL_TRACES_EXPORTER=otlp and export to a local OTLP/HTTP
// receiver (test/support/otlp-receiver.ts). One REST read with a W3C traceparent yields three linked
// spans, API → bridge → driver execution, in the caller's trace; no attribute or span name holds a
// value of the request; every API accepts the caller's traceparent; the API's log lines carry the
// trace id. (With tracing off, the default, nothing of OpenTelemetry is loaded: the build test checks
// the bundles.)
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpawnedService, spawnService } from '../../../bench/lib/spawn-service.js';
import { abandonRequests } from '../../support/abandoned-requests.js';
import { loginAt, testContactPoints } from '../../support/bridge-harness.js';
import { createCassandraClient } from '../../support/cassandra-client.js';
import { testKeyspaceName } from '../../support/keyspace.js';
import {
  type OtlpReceiver,
  type ReceivedSpan,
  SPAN_KIND,
  startOtlpReceiver,
} from '../../support/otlp-receiver.js';
import { freePort } from '../build/support/compiled-process.js';
import { connectProto, executeQuery, tokenMetadata } from '../grpc/support/proto-client.js';

const ks = testKeyspaceName('tracing');
// What the request reads: neither may appear in any span.
const KEY = 731905;
const VALUE = 'tracing-secret-4b1d';
const GRAPHQL_READ = JSON.stringify({ query: `{ items(value: { id: ${KEY} }) { values { v } } }` });

let receiver: OtlpReceiver;
const services: SpawnedService[] = [];
const restLog: string[] = [];
let ports: Record<string, number>;
let token: string;

function tracingEnv(): Record<string, string> {
  return {
    BIND_HOST: '127.0.0.1',
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    OTEL_BSP_SCHEDULE_DELAY: '100',
  };
}

/** A new trace of the test's own, as a caller upstream would start it. */
function newTraceparent(): { traceId: string; parentId: string; header: string } {
  const traceId = randomBytes(16).toString('hex');
  const parentId = randomBytes(8).toString('hex');
  return { traceId, parentId, header: `00-${traceId}-${parentId}-01` };
}

const one = (spans: ReceivedSpan[], pick: (s: ReceivedSpan) => boolean, what: string): ReceivedSpan => {
  const found = spans.filter(pick);
  expect(found, `${what} in ${JSON.stringify(spans, null, 1)}`).toHaveLength(1);
  return found[0]!;
};

interface Answer {
  ok: boolean;
  text: string;
}

const httpAnswer = async (res: Response): Promise<Answer> => ({
  ok: res.status === 200,
  text: `${res.status} ${await res.text()}`,
});

/**
 * Calls with a new trace until the call is answered: a call the gateway refused (storage busy on a
 * loaded machine), or whose connection failed, is reported on stderr and tried again in a trace of
 * its own, three times at most.
 */
async function answeredTrace(
  service: string,
  call: (traceparent: string) => Promise<Answer>,
): Promise<{ traceId: string; parentId: string }> {
  const refusals: string[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const { traceId, parentId, header } = newTraceparent();
    const answer = await call(header).catch(
      (err: Error): Answer => ({ ok: false, text: `${err.message} ${String(err.cause ?? '')}` }),
    );
    if (answer.ok) return { traceId, parentId };
    refusals.push(answer.text);
    console.warn(`${service} refused a traced call (try ${attempt + 1}): ${answer.text}`);
  }
  throw new Error(`${service} refused every traced call: ${refusals.join(' | ')}`);
}

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  ports = {
    grpc: await freePort(),
    http: await freePort(),
    rest: await freePort(),
    docs: await freePort(),
    graphql: await freePort(),
    grpcApi: await freePort(),
    grpcAdmin: await freePort(),
  };
  const cassandra = createCassandraClient();
  try {
    await cassandra.execute(
      `CREATE KEYSPACE ${ks} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
    );
    await cassandra.execute(`CREATE TABLE ${ks}.items (id int PRIMARY KEY, v text)`);
    await cassandra.execute(`INSERT INTO ${ks}.items (id, v) VALUES (?, ?)`, [KEY, VALUE], { prepare: true });
  } finally {
    await cassandra.shutdown();
  }
  services.push(
    await spawnService(
      'services/bridge/src/main.ts',
      {
        ...tracingEnv(),
        BRIDGE_GRPC_PORT: String(ports.grpc),
        BRIDGE_HTTP_PORT: String(ports.http),
        CASSANDRA_CONTACT_POINTS: testContactPoints(),
        LOG_LEVEL: 'error',
      },
      `http://127.0.0.1:${ports.http}/health/ready`,
      60_000,
    ),
  );
  token = await loginAt(`http://127.0.0.1:${ports.http}`, 'cassandra', 'cassandra');
  const api = { ...tracingEnv(), BRIDGE_ADDRESS: `127.0.0.1:${ports.grpc}`, LOG_LEVEL: 'error' };
  services.push(
    ...(await Promise.all([
      // Info: rejected requests are logged (services/common/src/http/error-handler.ts).
      spawnService(
        'services/rest/src/main.ts',
        { ...api, REST_PORT: String(ports.rest), LOG_LEVEL: 'info' },
        `http://127.0.0.1:${ports.rest}/health/ready`,
        60_000,
        { output: (line) => restLog.push(line) },
      ),
      spawnService(
        'services/docs/src/main.ts',
        { ...api, DOCS_PORT: String(ports.docs) },
        `http://127.0.0.1:${ports.docs}/health/ready`,
        60_000,
      ),
      spawnService(
        'services/graphql/src/main.ts',
        { ...api, GRAPHQL_PORT: String(ports.graphql) },
        `http://127.0.0.1:${ports.graphql}/health/ready`,
        60_000,
      ),
      spawnService(
        'services/grpc/src/main.ts',
        { ...api, GRPC_PORT: String(ports.grpcApi), GRPC_ADMIN_PORT: String(ports.grpcAdmin) },
        `http://127.0.0.1:${ports.grpcAdmin}/health/ready`,
        60_000,
      ),
    ])),
  );
}, 180_000);

afterAll(async () => {
  await Promise.all(services.map((s) => s.stop()));
  await receiver?.close();
  const cassandra = createCassandraClient();
  await cassandra.execute(`DROP KEYSPACE IF EXISTS ${ks}`).finally(() => cassandra.shutdown());
});

const restRead = (traceparent?: string) =>
  fetch(`http://127.0.0.1:${ports.rest}/v2/keyspaces/${ks}/items/${KEY}`, {
    headers: { 'x-cassandra-token': token, ...(traceparent ? { traceparent } : {}) },
  });

describe('traces across API → bridge → Cassandra', () => {
  it('one REST read with a traceparent yields three linked spans in the caller’s trace, with no values', async () => {
    // First an untraced read: the token check and the table's schema are then cached, and the
    // traced read is one bridge request.
    expect((await restRead()).status).toBe(200);
    const { traceId, parentId, header } = newTraceparent();
    const res = await restRead(header);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ data: [{ id: KEY, v: VALUE }] });

    await receiver.waitForTrace(traceId, (spans) => spans.length >= 3);
    // Give a late fourth span the chance to arrive: exactly three are expected.
    await new Promise((r) => setTimeout(r, 500));
    const trace = receiver.spans.filter((s) => s.traceId === traceId);
    expect(trace).toHaveLength(3);

    const api = one(trace, (s) => s.service === 'stargate-rest', 'the REST span');
    expect(api).toMatchObject({ kind: SPAN_KIND.SERVER, parentSpanId: parentId });
    // The route's template: the path itself holds the key.
    expect(api.name).toBe('GET /v2/keyspaces/:keyspace/:table/*');
    expect(api.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.route': '/v2/keyspaces/:keyspace/:table/*',
      'http.response.status_code': 200,
    });

    const bridge = one(
      trace,
      (s) => s.service === 'stargate-bridge' && s.kind === SPAN_KIND.SERVER,
      'the bridge span',
    );
    expect(bridge.parentSpanId).toBe(api.spanId);
    expect(bridge.name).toMatch(/^stargate\.StargateBridge\/ExecuteQuery(WithSchema)?$/);
    expect(bridge.attributes).toMatchObject({
      'rpc.system.name': 'grpc',
      'rpc.status_code': 'OK',
      'stargate.source_api': 'rest',
    });

    const driver = one(trace, (s) => s.kind === SPAN_KIND.CLIENT, 'the driver span');
    expect(driver).toMatchObject({
      service: 'stargate-bridge',
      parentSpanId: bridge.spanId,
      name: `SELECT ${ks}.items`,
    });
    expect(driver.attributes).toEqual({
      'db.system.name': 'cassandra',
      'db.operation.name': 'SELECT',
      'db.namespace': ks,
      'db.collection.name': 'items',
    });

    // No value of the request anywhere: not the key (it is in the URL path), not the row's value,
    // not CQL text.
    for (const span of receiver.spans) {
      const text = JSON.stringify([span.name, span.attributes]);
      expect(text).not.toContain(String(KEY));
      expect(text).not.toContain(VALUE);
      expect(text.toLowerCase()).not.toMatch(/select .* from|db\.query\.text|url\.(path|full|query)/);
    }
    expect(receiver.errors).toEqual([]);
  });

  it('every API continues the caller’s trace, and the bridge’s spans are children of the API’s', async () => {
    // Each call answers what it got; the test checks the answer with the body in the message, so a
    // refusal says why.
    const calls: Array<[string, (traceparent: string) => Promise<Answer>]> = [
      [
        'stargate-docs',
        (traceparent) =>
          fetch(`http://127.0.0.1:${ports.docs}/v2/namespaces/${ks}/collections`, {
            headers: { 'x-cassandra-token': token, traceparent },
          }).then(httpAnswer),
      ],
      [
        'stargate-graphql',
        (traceparent) =>
          fetch(`http://127.0.0.1:${ports.graphql}/graphql/${ks}`, {
            method: 'POST',
            headers: { 'x-cassandra-token': token, 'content-type': 'application/json', traceparent },
            body: GRAPHQL_READ,
          }).then(httpAnswer),
      ],
      [
        'stargate-grpc',
        async (traceparent) => {
          const client = connectProto(`127.0.0.1:${ports.grpcApi}`);
          const metadata = tokenMetadata(token);
          metadata.set('traceparent', traceparent);
          const { err } = await executeQuery(
            client,
            { cql: `SELECT v FROM ${ks}.items WHERE id = ?`, values: { values: [{ int: KEY }] } },
            metadata,
          );
          client.close();
          return err ? { ok: false, text: `gRPC ${err.code} ${err.details}` } : { ok: true, text: 'OK' };
        },
      ],
    ];
    for (const [service, call] of calls) {
      const { traceId, parentId } = await answeredTrace(service, call);
      // The API's span, and at least one bridge span under it (its first request checks the token).
      const spans = await receiver.waitForTrace(
        traceId,
        (found) =>
          found.some((s) => s.service === service) && found.some((s) => s.service === 'stargate-bridge'),
      );
      const api = one(spans, (s) => s.service === service, `the ${service} span`);
      expect(api).toMatchObject({ kind: SPAN_KIND.SERVER, parentSpanId: parentId });
      const children = spans.filter((s) => s.parentSpanId === api.spanId);
      expect(children.length, service).toBeGreaterThan(0);
      for (const child of children)
        expect(child).toMatchObject({ service: 'stargate-bridge', kind: SPAN_KIND.SERVER });
    }
    // What the GraphQL call read, once its trace is checked: the row itself.
    const read = await fetch(`http://127.0.0.1:${ports.graphql}/graphql/${ks}`, {
      method: 'POST',
      headers: { 'x-cassandra-token': token, 'content-type': 'application/json' },
      body: GRAPHQL_READ,
    });
    expect(await read.json()).toEqual({ data: { items: { values: [{ v: VALUE }] } } });
  });

  it('a write whose client went away before the answer ends its span with 499', async () => {
    // The client leaves a millisecond after its request is written; on a loaded machine the write
    // may still be answered first (then its span ends with 201, rightly). A few tries, each its own
    // trace: at least one must leave before the answer, and its span must say 499.
    const seen: number[] = [];
    for (let attempt = 0; attempt < 6 && !seen.includes(499); attempt++) {
      const { traceId, header } = newTraceparent();
      await abandonRequests(
        `http://127.0.0.1:${ports.rest}`,
        {
          method: 'POST',
          path: `/v2/keyspaces/${ks}/items`,
          headers: { 'x-cassandra-token': token, 'content-type': 'application/json', traceparent: header },
          body: JSON.stringify({ id: KEY + 1 + attempt, v: 'left' }),
        },
        1,
      );
      const spans = await receiver.waitForTrace(traceId, (found) =>
        found.some((s) => s.service === 'stargate-rest'),
      );
      const api = one(spans, (s) => s.service === 'stargate-rest', 'the REST span');
      expect(api.name).toBe('POST /v2/keyspaces/:keyspace/:table');
      const status = Number(api.attributes['http.response.status_code']);
      // Either the client left first (499) or the write was answered (201): nothing else.
      expect([201, 499], JSON.stringify(api)).toContain(status);
      seen.push(status);
    }
    expect(seen).toContain(499);
  });

  it('a log line written inside a traced request carries its trace id', async () => {
    const { traceId, header } = newTraceparent();
    // A table that does not exist: refused (404), and the refusal is logged at info.
    const res = await fetch(`http://127.0.0.1:${ports.rest}/v2/keyspaces/${ks}/no_such_table/${KEY}`, {
      headers: { 'x-cassandra-token': token, traceparent: header },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const deadline = Date.now() + 5_000;
    let line: Record<string, unknown> | undefined;
    while (!line && Date.now() < deadline) {
      line = restLog
        .map((l) => (l.startsWith('{') ? (JSON.parse(l) as Record<string, unknown>) : {}))
        .find((l) => l.trace_id === traceId);
      if (!line) await new Promise((r) => setTimeout(r, 50));
    }
    expect(line).toMatchObject({
      msg: 'request rejected',
      trace_id: traceId,
      span_id: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    const spans = await receiver.waitForTrace(traceId, (found) =>
      found.some((s) => s.service === 'stargate-rest'),
    );
    const api = one(spans, (s) => s.service === 'stargate-rest', 'the REST span');
    expect(api).toMatchObject({
      spanId: line!.span_id,
      attributes: { 'http.response.status_code': res.status },
    });
  });
});
