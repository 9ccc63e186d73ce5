// Starts the GraphQL API in this test process on an ephemeral port, against a bridge, and sends
// GraphQL requests to it over HTTP as a client would.
import type { RunningHttpApi } from '../../../../services/common/src/api/start-http-api.js';
import { loadConfig } from '../../../../services/common/src/config/load-config.js';
import { startGraphqlApi } from '../../../../services/graphql/src/app.js';
import { type GraphqlConfig, graphqlConfigSchemas } from '../../../../services/graphql/src/config.js';

export interface GraphqlResponse {
  status: number;
  body: {
    // biome-ignore lint/suspicious/noExplicitAny: tests walk the JSON they receive freely.
    data?: Record<string, any> | null;
    errors?: Array<{ message: string; path?: Array<string | number>; locations?: unknown }>;
  };
}

export interface TestGraphqlApi extends RunningHttpApi {
  url: string;
  /** POST application/json {query, variables} to the path, with the token unless told otherwise. */
  post(
    path: string,
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string | null; operationName?: string },
  ): Promise<GraphqlResponse>;
}

export async function startTestGraphqlApi(
  bridgeAddress: string,
  token: string,
  env: Record<string, string> = {},
): Promise<TestGraphqlApi> {
  const config = loadConfig<GraphqlConfig>(graphqlConfigSchemas, {
    BIND_HOST: '127.0.0.1',
    GRAPHQL_PORT: '0',
    BRIDGE_ADDRESS: bridgeAddress,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SHUTDOWN_DEADLINE_MS: '3000',
    ...env,
  });
  const api = await startGraphqlApi({ config });
  const url = `http://127.0.0.1:${api.port}`;
  return {
    ...api,
    url,
    async post(path, query, variables, options = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const useToken = options.token === undefined ? token : options.token;
      if (useToken !== null) headers['x-cassandra-token'] = useToken;
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables, operationName: options.operationName }),
      });
      return { status: res.status, body: (await res.json()) as GraphqlResponse['body'] };
    },
  };
}
