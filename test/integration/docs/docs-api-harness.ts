// Starts the Document API in this test process against a real bridge (and the run's Cassandra),
// with a namespace of its own, and drives it over HTTP (Fastify inject) as a client would.
import type { FastifyInstance } from 'fastify';
import { type RunningHttpApi, startHttpApi } from '../../../services/common/src/api/start-http-api.js';
import { loadConfig } from '../../../services/common/src/config/load-config.js';
import { registerDocsApi } from '../../../services/docs/src/app.js';
import { type DocsConfig, docsConfigSchemas } from '../../../services/docs/src/config.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests assert response bodies by shape, as a client reads them
  body: any;
  /** The body exactly as sent. */
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface CallOptions {
  body?: unknown;
  /** A body sent as is (e.g. invalid JSON). */
  rawBody?: string;
  query?: Record<string, string>;
  token?: string | null;
}

export interface DocsApiHarness {
  app: FastifyInstance;
  config: DocsConfig;
  /** The namespace created for this file. */
  namespace: string;
  bridge: TestBridge;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  /** `/v2/namespaces/<namespace>/collections/<collection>` + rest. */
  collectionPath(collection: string, rest?: string): string;
  close(): Promise<void>;
}

export async function startDocsApi(
  feature: string,
  env: Record<string, string> = {},
  /** Settings of the bridge the API is started with (e.g. BRIDGE_VECTOR_WRITES_PER_TABLE). */
  bridgeEnv: Record<string, string> = {},
): Promise<DocsApiHarness> {
  const bridge: TestBridge = await startTestBridge(bridgeEnv);
  const config = loadConfig<DocsConfig>(docsConfigSchemas, {
    BRIDGE_ADDRESS: bridge.address,
    BIND_HOST: '127.0.0.1',
    DOCS_PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const api: RunningHttpApi = await startHttpApi({
    service: 'docs',
    sourceApi: 'rest',
    config,
    port: 0,
    bodyLimitBytes: config.bodyLimitBytes,
    register: (app, context) => registerDocsApi(app, context, config),
  });
  const namespace = uniqueKeyspaceName(feature);

  const call = async (method: string, path: string, options: CallOptions = {}): Promise<Answer> => {
    const headers: Record<string, string> = {};
    if (options.token !== null) headers['x-cassandra-token'] = options.token ?? bridge.token;
    let payload: string | undefined;
    if (options.rawBody !== undefined) payload = options.rawBody;
    else if (options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const res = await api.app.inject({
      method: method as 'GET',
      url: path,
      query: options.query,
      headers,
      payload,
    });
    let body: unknown;
    try {
      body = res.body === '' ? undefined : JSON.parse(res.body);
    } catch {
      body = res.body;
    }
    return { status: res.statusCode, body, text: res.body, headers: res.headers as Answer['headers'] };
  };

  const created = await call('POST', '/v2/schemas/namespaces', { body: { name: namespace, replicas: 1 } });
  if (created.status !== 201) throw new Error(`could not create namespace: ${JSON.stringify(created.body)}`);

  return {
    app: api.app,
    config,
    namespace,
    bridge,
    call,
    collectionPath: (collection, rest = '') => `/v2/namespaces/${namespace}/collections/${collection}${rest}`,
    async close() {
      await call('DELETE', `/v2/schemas/namespaces/${namespace}`);
      await api.close();
      await bridge.close();
    },
  };
}
