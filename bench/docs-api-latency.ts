// Document API latency on a collection of 100,000 documents (docs/docs-storage-design.md): the
// bridge and the Document API run as their own processes; a read by id, field searches, a count
// and a write are timed through the API at concurrency 1.
// The documents are loaded with cassandra-driver using the Document API's own write statements
// (services/docs/src/storage/document-store.ts: the rows a PUT writes), which is quicker on a
// shared 2-core machine; LOAD=api loads them through POST …/batch instead.
//
//   CASSANDRA_CONTACT_POINTS=127.0.0.60:9042 npx tsx bench/docs-api-latency.ts
//   DOCS=100000 SECONDS=20 LOAD=direct|api REUSE=<namespace>   (REUSE skips the load, KEEP=1 keeps it)
import { randomBytes } from 'node:crypto';
import cassandra from 'cassandra-driver';
import type { Value } from '../services/common/src/proto/generated/stargate/Value.js';
import { writeStatements } from '../services/docs/src/storage/document-store.js';
import { nextWriteTimestamp } from '../services/docs/src/storage/write-timestamp.js';
import { runAtConcurrency } from './lib/latency-run.js';
import { spawnService } from './lib/spawn-service.js';

const contactPoints = process.env.CASSANDRA_CONTACT_POINTS ?? '127.0.0.1:9042';
const docCount = Number(process.env.DOCS ?? 100_000);
const seconds = Number(process.env.SECONDS ?? 20);
const reuse = process.env.REUSE;
const keep = process.env.KEEP === '1' || reuse !== undefined;
const loadThroughApi = process.env.LOAD === 'api';
const BATCH = 100;
const API_LOAD_CONCURRENCY = 4;
const DIRECT_LOAD_CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 16);
const CITIES = 1000;

const ports = { bridgeGrpc: 18291, bridgeHttp: 18281, docs: 18280 };
const bridge = await spawnService(
  'services/bridge/src/main.ts',
  {
    BRIDGE_GRPC_PORT: String(ports.bridgeGrpc),
    BRIDGE_HTTP_PORT: String(ports.bridgeHttp),
    BIND_HOST: '127.0.0.1',
    CASSANDRA_CONTACT_POINTS: contactPoints,
  },
  `http://127.0.0.1:${ports.bridgeHttp}/health/ready`,
);
const docs = await spawnService(
  'services/docs/src/main.ts',
  { DOCS_PORT: String(ports.docs), BIND_HOST: '127.0.0.1', BRIDGE_ADDRESS: `127.0.0.1:${ports.bridgeGrpc}` },
  `http://127.0.0.1:${ports.docs}/health/ready`,
);
const login = await fetch(`http://127.0.0.1:${ports.bridgeHttp}/v1/auth`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'cassandra', password: 'cassandra' }),
});
const token = ((await login.json()) as { authToken: string }).authToken;
const base = `http://127.0.0.1:${ports.docs}`;
const namespace = reuse ?? `bench_docs_${randomBytes(3).toString('hex')}`;
const collection = `${base}/v2/namespaces/${namespace}/collections/people`;

async function call(method: string, url: string, body?: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method,
    headers: {
      'x-cassandra-token': token,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300 && res.status !== 204) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

function makeDoc(i: number) {
  const r = (k: number) => ((i * 2654435761 + k * 40503) >>> 0) / 2 ** 32;
  return {
    id: `p${i}`,
    name: `user-${i}`,
    email: `user${i}@example.com`,
    age: Math.floor(r(1) * 90) + 10,
    city: `city-${Math.floor(r(2) * CITIES)}`,
    active: r(3) < 0.5,
    score: Math.round(r(4) * 1_000_000) / 1000,
    address: { street: `${i} Main St`, zip: String(10000 + (i % 90000)) },
    tags: ['alpha', 'beta', 'gamma'].slice(0, 1 + (i % 3)),
  };
}

async function withRetries(write: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      return;
    } catch (err) {
      if (attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

async function loadWithApi(): Promise<void> {
  let next = 0;
  const loader = async () => {
    for (let b = next++; b * BATCH < docCount; b = next++) {
      const size = Math.min(BATCH, docCount - b * BATCH);
      const batch = Array.from({ length: size }, (_, j) => makeDoc(b * BATCH + j));
      await withRetries(() => call('POST', `${collection}/batch?id-path=id`, batch));
    }
  };
  await Promise.all(Array.from({ length: API_LOAD_CONCURRENCY }, loader));
}

function driverValue(v: Value): unknown {
  if (v.unset) return cassandra.types.unset;
  if (v.int !== undefined) return cassandra.types.Long.fromString(String(v.int));
  return v.string ?? v.double ?? v.boolean ?? null;
}

async function loadDirect(): Promise<void> {
  const client = new cassandra.Client({
    contactPoints: contactPoints.split(','),
    localDataCenter: process.env.CASSANDRA_LOCAL_DC ?? 'datacenter1',
    credentials: { username: 'cassandra', password: 'cassandra' },
    socketOptions: { readTimeout: 60_000 },
  });
  await client.connect();
  let next = 0;
  const loader = async () => {
    for (let i = next++; i < docCount; i = next++) {
      const doc = makeDoc(i);
      const statements = writeStatements(
        { keyspace: namespace, table: 'people' },
        doc.id,
        doc,
        0,
        nextWriteTimestamp(),
      );
      const queries = statements.map((q) => ({
        query: q.cql!,
        params: (q.values?.values ?? []).map(driverValue),
      }));
      await withRetries(() => client.batch(queries, { prepare: true, logged: false }));
    }
  };
  try {
    await Promise.all(Array.from({ length: DIRECT_LOAD_CONCURRENCY }, loader));
  } finally {
    await client.shutdown();
  }
}

try {
  if (!reuse) {
    await call('POST', `${base}/v2/schemas/namespaces`, { name: namespace, replicas: 1 });
    await call('POST', `${base}/v2/namespaces/${namespace}/collections`, { name: 'people' });
    const started = Date.now();
    await (loadThroughApi ? loadWithApi() : loadDirect());
    const loadSeconds = (Date.now() - started) / 1000;
    const how = loadThroughApi ? 'through the API' : 'with the driver';
    console.log(
      `loaded ${docCount} documents ${how} in ${loadSeconds.toFixed(0)} s (${(docCount / loadSeconds).toFixed(0)} docs/s)`,
    );
    // Let memtable flushes and SAI segment builds triggered by the load settle.
    await new Promise((r) => setTimeout(r, 20_000));
  }
  const where = (w: unknown) => encodeURIComponent(JSON.stringify(w));
  const counted = (await call('GET', `${collection}?count=true&where=${where({ age: { $gte: 0 } })}`)) as {
    count: number;
  };
  console.log(`namespace ${namespace}: ${counted.count} documents`);

  let i = 0;
  const rand = () => ((i++ * 7919 + 104729) >>> 0) % docCount;
  const search = (w: unknown) => call('GET', `${collection}?page-size=20&raw=true&where=${where(w)}`);
  const cases: Array<[string, () => Promise<unknown>]> = [
    ['read by id', () => call('GET', `${collection}/p${rand()}?raw=true`)],
    ['search city $eq (first 20 of ~100)', () => search({ city: { $eq: `city-${rand() % CITIES}` } })],
    [
      'search score range (first 20 of ~100)',
      () => {
        const lo = (rand() % 990) + 0.5;
        return search({ score: { $gt: lo, $lt: lo + 1 } });
      },
    ],
    [
      'search age $eq AND active $eq (first 20)',
      () => search({ age: { $eq: 10 + (rand() % 90) }, active: { $eq: true } }),
    ],
    [
      'count city $eq (~100)',
      () =>
        call('GET', `${collection}?count=true&where=${where({ city: { $eq: `city-${rand() % CITIES}` } })}`),
    ],
    ['write a document (PUT, replace)', () => call('PUT', `${collection}/p${rand()}`, makeDoc(i))],
  ];
  for (const [, op] of cases) for (let w = 0; w < 50; w++) await op();
  console.log(`\n${counted.count} documents; concurrency 1, ${seconds} s each (median / p99 / requests):`);
  for (const [name, op] of cases) {
    const result = await runAtConcurrency(op, {
      concurrency: 1,
      durationMs: seconds * 1000,
      maxRequests: 20_000,
    });
    const errors = result.errors ? `  errors ${result.errors}` : '';
    console.log(
      `${name.padEnd(44)} ${result.p50Ms.toFixed(2).padStart(7)} ms ${result.p99Ms.toFixed(2).padStart(8)} ms ${String(result.requests).padStart(6)}${errors}`,
    );
  }
} finally {
  if (!keep) await call('DELETE', `${base}/v2/schemas/namespaces/${namespace}`).catch(() => undefined);
  else console.log(`kept namespace ${namespace} (REUSE=${namespace} to measure again)`);
  await docs.stop();
  await bridge.stop();
}
