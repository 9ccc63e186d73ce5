// One real bridge and every API (REST, Docs, GraphQL, gRPC) in this test process, on ephemeral
// loopback ports, against the run's Cassandra: for tests that must say something of every API.
import type { FastifyInstance } from 'fastify';
import { type RunningHttpApi, startHttpApi } from '../../services/common/src/api/start-http-api.js';
import { loadConfig } from '../../services/common/src/config/load-config.js';
import { registerDocsApi } from '../../services/docs/src/app.js';
import { type DocsConfig, docsConfigSchemas } from '../../services/docs/src/config.js';
import { startTestGraphqlApi } from '../integration/graphql/support/graphql-api-harness.js';
import { startTestGrpcApi, type TestGrpcApi } from '../integration/grpc/support/grpc-api-harness.js';
import { startRestApi } from '../integration/rest/support/rest-api.js';
import { startTestBridge, type TestBridge } from './bridge-harness.js';

export interface HttpApiUnderTest {
  name: 'rest' | 'docs' | 'graphql';
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export interface ApiStack {
  bridge: TestBridge;
  http: HttpApiUnderTest[];
  grpc: TestGrpcApi;
  close(): Promise<void>;
}

/** `bridgeEnv`: settings of the bridge (e.g. BRIDGE_TOKEN_CACHE_MS); `apiEnv`: of every API. */
export async function startApiStack(
  bridgeEnv: Record<string, string> = {},
  apiEnv: Record<string, string> = {},
): Promise<ApiStack> {
  const bridge = await startTestBridge(bridgeEnv);
  const rest = await startRestApi(apiEnv, { bridge });
  const graphql = await startTestGraphqlApi(bridge.address, bridge.token, apiEnv);
  const docs = await startDocs(bridge, apiEnv);
  const grpc = await startTestGrpcApi(bridge.address, apiEnv);
  const http: HttpApiUnderTest[] = [
    { name: 'rest', app: rest.running.app, url: rest.url, close: () => rest.close() },
    { name: 'docs', app: docs.app, url: `http://127.0.0.1:${docs.port}`, close: () => docs.close() },
    { name: 'graphql', app: graphql.app, url: graphql.url, close: () => graphql.close() },
  ];
  return {
    bridge,
    http,
    grpc,
    async close() {
      await Promise.all([...http.map((api) => api.close()), grpc.close()]);
      await bridge.close();
    },
  };
}

async function startDocs(bridge: TestBridge, env: Record<string, string>): Promise<RunningHttpApi> {
  const config = loadConfig<DocsConfig>(docsConfigSchemas, {
    BRIDGE_ADDRESS: bridge.address,
    BIND_HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  return startHttpApi({
    service: 'docs',
    sourceApi: 'rest',
    config,
    port: 0,
    register: (app, context) => registerDocsApi(app, context, config),
  });
}
