// Documents per second the Document API writes into a collection with a `$vector`: a bridge and a
// Docs API in this process (ports 27300-27302), DOCS PUTs of documents with distinct 16-dim
// `$vector`s, CONCURRENCY at a time, against the Cassandra at CASSANDRA_CONTACT_POINTS. Measures
// what the bridge's vector-write limit (BRIDGE_VECTOR_WRITES_PER_TABLE) costs Docs writes.
//
//   CASSANDRA_CONTACT_POINTS=127.0.0.1:9042 npx tsx tools/vector-index/docs-write-throughput.ts
//
// Env: THROUGHPUT_DOCS (400), THROUGHPUT_CONCURRENCY (16), THROUGHPUT_NAMESPACE_PREFIX (hq_vcount),
// THROUGHPUT_NO_VECTOR=1 (documents without `$vector`, for comparison). The namespace is dropped.
import { randomBytes } from 'node:crypto';
import { startBridge } from '../../services/bridge/src/bridge.js';
import { type BridgeConfig, bridgeConfigSchemas } from '../../services/bridge/src/config.js';
import { startHttpApi } from '../../services/common/src/api/start-http-api.js';
import { loadConfig } from '../../services/common/src/config/load-config.js';
import { createLogger } from '../../services/common/src/logging/logger.js';
import { createMetricsRegistry } from '../../services/common/src/metrics/registry.js';
import { registerDocsApi } from '../../services/docs/src/app.js';
import { type DocsConfig, docsConfigSchemas } from '../../services/docs/src/config.js';
import { bridgeBatchStatuses } from './bridge-batch-statuses.js';

const DIMENSION = 16;
const total = Number(process.env.THROUGHPUT_DOCS ?? 400);
const concurrency = Number(process.env.THROUGHPUT_CONCURRENCY ?? 16);
const withVector = process.env.THROUGHPUT_NO_VECTOR !== '1';
const namespace = `${process.env.THROUGHPUT_NAMESPACE_PREFIX ?? 'hq_vcount'}_${randomBytes(3).toString('hex')}`;

const bridgeConfig = loadConfig<BridgeConfig>(bridgeConfigSchemas, {
  BIND_HOST: '127.0.0.1',
  BRIDGE_GRPC_PORT: '27300',
  BRIDGE_HTTP_PORT: '27301',
  CASSANDRA_CONTACT_POINTS: process.env.CASSANDRA_CONTACT_POINTS ?? '127.0.0.1:9042',
  LOG_LEVEL: 'silent',
});
const bridge = await startBridge(
  bridgeConfig,
  createLogger('bridge', 'silent'),
  createMetricsRegistry('bridge'),
);
await bridge.session.start();
const login = await fetch('http://127.0.0.1:27301/v1/auth', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'cassandra', password: 'cassandra' }),
});
const token = ((await login.json()) as { authToken: string }).authToken;
const docsConfig = loadConfig<DocsConfig>(docsConfigSchemas, {
  BRIDGE_ADDRESS: '127.0.0.1:27300',
  BIND_HOST: '127.0.0.1',
  DOCS_PORT: '27302',
  LOG_LEVEL: 'silent',
});
const api = await startHttpApi({
  service: 'docs',
  sourceApi: 'rest',
  config: docsConfig,
  port: 27302,
  bodyLimitBytes: docsConfig.bodyLimitBytes,
  register: (app, context) => registerDocsApi(app, context, docsConfig),
});

async function call(method: 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) {
  const res = await api.app.inject({
    method,
    url,
    headers: { 'x-cassandra-token': token, ...(body ? { 'content-type': 'application/json' } : {}) },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.statusCode, text: res.body };
}

const vectorOf = (n: number) => Array.from({ length: DIMENSION }, () => Math.random() + n * 1e-6);

try {
  const ns = await call('POST', '/v2/schemas/namespaces', { name: namespace, replicas: 1 });
  if (ns.status !== 201) throw new Error(`namespace: ${ns.status} ${ns.text}`);
  const coll = await call('POST', `/v2/namespaces/${namespace}/collections`, {
    name: 'busy',
    vector: { dimension: DIMENSION, metric: 'euclidean' },
  });
  if (coll.status !== 201) throw new Error(`collection: ${coll.status} ${coll.text}`);
  let next = 0;
  const failures: string[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let n = next++; n < total; n = next++) {
        const doc = {
          n,
          label: `document ${n}`,
          tags: ['a', 'b'],
          ...(withVector ? { $vector: vectorOf(n) } : {}),
        };
        const res = await call('PUT', `/v2/namespaces/${namespace}/collections/busy/d${n}`, doc);
        if (res.status !== 200) failures.push(`d${n}: ${res.status} ${res.text.slice(0, 200)}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const batches = await bridgeBatchStatuses('http://127.0.0.1:27301/metrics');
  console.log(
    `${total} PUTs${withVector ? ' with $vector' : ' without $vector'}, concurrency ${concurrency}: ${seconds.toFixed(2)} s, ${(total / seconds).toFixed(1)} documents/s, ${failures.length} not 200${failures.length ? ` (e.g. ${failures[0]})` : ''}; bridge batches by status ${JSON.stringify(batches)}`,
  );
} finally {
  await call('DELETE', `/v2/schemas/namespaces/${namespace}`);
  await api.close();
  await bridge.close();
}
