// The GraphQL API's settings (schemas/config/common.json + api-common.json + graphql.json), loaded
// once in main.ts and passed down.
import type { ApiCommonConfig } from '../../common/src/api/api-config.js';

export interface GraphqlConfig extends ApiCommonConfig {
  port: number;
  maxDepth: number;
  maxComplexity: number;
  playgroundEnabled: boolean;
  defaultKeyspaceEnabled: boolean;
  bodyLimitBytes: number;
  /** Most tokens a document may have (graphql-js's parse maxTokens). */
  maxTokens: number;
  /** Replication of stargate_graphql (schema-first deployments): "3" or "dc1=3,dc2=2". */
  schemaSourceReplication: string;
  /** How long which schema is deployed in a keyspace is trusted before it is read again. */
  deployedSchemaCheckMs: number;
  /** Schema-first deploy limits (deploy-limits.ts): tokens, types, fields, tables of one deploy. */
  deployMaxTokens: number;
  deployMaxTypes: number;
  deployMaxFields: number;
  deployMaxTables: number;
  /** Tables and UDTs a keyspace may hold after a deploy that creates some. */
  deployMaxKeyspaceTables: number;
  /** Deploys one process keeps waiting behind the one it runs (deploy-queue.ts). */
  deployMaxWaiting: number;
}

export const graphqlConfigSchemas = ['common', 'api-common', 'graphql'] as const;
