// Per-file setup for GraphQL integration tests: a fresh keyspace (with the tables the file needs,
// created once with CQL), a real bridge and the GraphQL API in front of it; all torn down after.
import { afterAll, beforeAll } from 'vitest';
import { startTestBridge, type TestBridge } from '../../../support/bridge-harness.js';
import { type KeyspaceFixture, useTestKeyspace } from '../../../support/keyspace.js';
import { type GraphqlResponse, startTestGraphqlApi, type TestGraphqlApi } from './graphql-api-harness.js';

export interface GraphqlFixture extends KeyspaceFixture {
  readonly bridge: TestBridge;
  readonly api: TestGraphqlApi;
  /** POST to /graphql/<keyspace>. */
  dml(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse>;
  /** POST to /graphql-schema. */
  ddl(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse>;
}

export function useGraphqlFixture(
  feature: string,
  schemaCql: (keyspace: string) => string[] = () => [],
  env: Record<string, string> = {},
): GraphqlFixture {
  const keyspace = useTestKeyspace(feature);
  let bridge: TestBridge | undefined;
  let api: TestGraphqlApi | undefined;
  beforeAll(async () => {
    for (const cql of schemaCql(keyspace.keyspace)) await keyspace.client.execute(cql);
    bridge = await startTestBridge();
    api = await startTestGraphqlApi(bridge.address, bridge.token, env);
  });
  afterAll(async () => {
    await api?.close();
    await bridge?.close();
  });
  const need = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`${what} exists only after beforeAll`);
    return value;
  };
  return {
    get client() {
      return keyspace.client;
    },
    get keyspace() {
      return keyspace.keyspace;
    },
    get bridge() {
      return need(bridge, 'the bridge');
    },
    get api() {
      return need(api, 'the API');
    },
    dml: (query, variables) => need(api, 'the API').post(`/graphql/${keyspace.keyspace}`, query, variables),
    ddl: (query, variables) => need(api, 'the API').post('/graphql-schema', query, variables),
  };
}
