// The /graphql-admin schema, with Stargate's names: schema/schemas queries, deploySchema,
// deploySchemaFile (an Upload from a multipart request) and undeploySchema.
import {
  buildSchema,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLScalarType,
  type GraphQLSchema,
} from '../graphql-js.js';
import type { GraphqlContext } from '../resolvers/graphql-context.js';
import { ValueError } from '../translate/graphql-values.js';
import type { MigrationStrategy } from './cql-migration.js';
import type { LogCategory, MappingMessage } from './mapping-messages.js';
import type { SchemaDeployer } from './schema-deployer.js';
import type { SchemaSource, SchemaSourceStore } from './schema-source-store.js';
import { UploadedFile } from './uploaded-file.js';

const ADMIN_SDL = `
"""The GraphQL schema deployed in a keyspace."""
type Schema {
  keyspace: String!
  version: String
  deployDate: String
  "The SDL given to deploySchema."
  contents: String
  "Where contents can be downloaded as a file."
  contentsUri: String
}

type Query {
  "The schema deployed in a keyspace: the given version, or the newest."
  schema(keyspace: String!, version: String): Schema
  "Every version kept for a keyspace, newest first."
  schemas(keyspace: String!): [Schema]
}

"""What a deploy does when the CQL tables and UDTs do not match the schema (a deploy never drops a column)."""
enum MigrationStrategy {
  "Change nothing: every table and UDT must exist and match."
  USE_EXISTING
  "Create missing tables and UDTs; existing ones must match."
  ADD_MISSING_TABLES
  "Create missing tables and UDTs, and add missing columns (not key columns) to existing ones."
  ADD_MISSING_TABLES_AND_COLUMNS
  "Drop and recreate every table and UDT of the schema: their data is lost."
  DROP_AND_RECREATE_ALL
  "Drop and recreate the tables and UDTs that do not match: their data is lost."
  DROP_AND_RECREATE_IF_MISMATCH
}

enum LogCategory {
  INFO
  WARNING
}

type Location {
  line: Int
  column: Int
}

type Log {
  message: String!
  category: LogCategory!
  locations: [Location]
}

type DeploySchemaResponse {
  "The new version (null for a dry run)."
  version: String
  "Warnings and notes about the schema; errors stop the deploy and come back as a GraphQL error with extensions.mappingErrors."
  logs(category: LogCategory): [Log]
  "The CQL statements run (or, for a dry run, that would run)."
  cqlChanges: [String]
  query: Query
}

"""A file part of a multipart request (GraphQL multipart request spec)."""
scalar Upload

type Mutation {
  deploySchema(
    keyspace: String!
    "The version this deploy replaces (null for the first deploy): another deploy since then is refused."
    expectedVersion: String
    schema: String!
    migrationStrategy: MigrationStrategy! = ADD_MISSING_TABLES_AND_COLUMNS
    "Proceed even if a previous deployment is still marked in progress."
    force: Boolean! = false
    "Only check the schema and list the CQL it would run."
    dryRun: Boolean! = false
  ): DeploySchemaResponse
  deploySchemaFile(
    keyspace: String!
    expectedVersion: String
    schemaFile: Upload!
    migrationStrategy: MigrationStrategy! = ADD_MISSING_TABLES_AND_COLUMNS
    force: Boolean! = false
    dryRun: Boolean! = false
  ): DeploySchemaResponse
  "Goes back to the CQL-first schema; the versions are kept."
  undeploySchema(keyspace: String!, expectedVersion: String!, force: Boolean! = false): Boolean
}
`;

type Args = Record<string, unknown>;
type Resolver = GraphQLFieldResolver<unknown, GraphqlContext, Args>;

interface DeployArgs {
  keyspace: string;
  expectedVersion?: string | null;
  migrationStrategy: MigrationStrategy;
  force: boolean;
  dryRun: boolean;
}

export function buildAdminSchema(
  deployer: SchemaDeployer,
  store: SchemaSourceStore,
  deadlineMs?: number,
): GraphQLSchema {
  const schema = buildSchema(ADMIN_SDL);
  const call = (context: GraphqlContext) => ({ token: context.token, deadlineMs });
  const view = (source: SchemaSource) => ({
    keyspace: source.keyspace,
    version: source.version,
    deployDate: source.deployDate,
    contents: source.contents,
    contentsUri: `/graphql-files/keyspace/${source.keyspace}.graphql?version=${source.version}`,
  });
  const deploy = async (args: DeployArgs, text: string, context: GraphqlContext) => {
    const outcome = await deployer.deploy(
      {
        keyspace: args.keyspace,
        expectedVersion: args.expectedVersion ?? null,
        schema: text,
        migrationStrategy: args.migrationStrategy,
        force: args.force,
        dryRun: args.dryRun,
      },
      context.token,
      context.abandoned,
    );
    return { ...outcome, query: {} };
  };
  const query: Record<string, Resolver> = {
    schema: async (_s, args, context) => {
      const source = await store.get(
        String(args.keyspace),
        (args.version as string | null) ?? undefined,
        call(context),
      );
      return source ? view(source) : null;
    },
    schemas: async (_s, args, context) => (await store.list(String(args.keyspace), call(context))).map(view),
  };
  const mutation: Record<string, Resolver> = {
    deploySchema: (_s, args, context) => deploy(args as unknown as DeployArgs, String(args.schema), context),
    deploySchemaFile: (_s, args, context) =>
      deploy(args as unknown as DeployArgs, (args.schemaFile as UploadedFile).text(), context),
    undeploySchema: (_s, args, context) =>
      deployer.undeploy(
        String(args.keyspace),
        String(args.expectedVersion),
        args.force === true,
        context.token,
      ),
  };
  attach(schema.getQueryType()!, query);
  attach(schema.getMutationType()!, mutation);
  attach(schema.getType('DeploySchemaResponse') as GraphQLObjectType, {
    logs: (source, args) => {
      const logs = (source as { logs: MappingMessage[] }).logs;
      const category = args.category as LogCategory | null | undefined;
      return category ? logs.filter((l) => l.category === category) : logs;
    },
  });
  const upload = schema.getType('Upload') as GraphQLScalarType;
  upload.parseValue = (value: unknown) => {
    if (value instanceof UploadedFile) return value;
    throw new ValueError('An Upload must be sent as a file part of a multipart/form-data request');
  };
  upload.parseLiteral = () => {
    throw new ValueError('Upload values must be given as variables of a multipart/form-data request');
  };
  upload.serialize = () => {
    throw new ValueError('Upload is only an input');
  };
  return schema;
}

function attach(type: GraphQLObjectType, resolvers: Record<string, Resolver>): void {
  const fields = type.getFields();
  for (const [name, resolve] of Object.entries(resolvers)) fields[name]!.resolve = resolve;
}
