// The executors of deployed schemas are bounded by count and by their approximate heap: a deployed
// schema of 20 entities of 30 fields holds ~2 MB (deployed-schema-bytes.ts), and every keyspace
// with one used to keep its executor for as long as the process ran.
import { describe, expect, it } from 'vitest';
import type { GraphqlExecutor } from '../../../../services/graphql/src/execution/graphql-executor.js';
import { buildSchema, type GraphQLSchema } from '../../../../services/graphql/src/graphql-js.js';
import type { ResolverDeps } from '../../../../services/graphql/src/resolvers/graphql-context.js';
import { DeployedSchemas } from '../../../../services/graphql/src/schema-first/deployed-executors.js';
import { deployedSchemaBytes } from '../../../../services/graphql/src/schema-first/deployed-schema-bytes.js';
import type { SchemaSourceStore } from '../../../../services/graphql/src/schema-first/schema-source-store.js';

const MiB = 1024 * 1024;

function sdl(entities: number, fields: number): string {
  const types = Array.from(
    { length: entities },
    (_, e) =>
      `type Entity${e} @cql_input {\n  id: ID! @cql_column(partitionKey: true)\n${Array.from(
        { length: fields },
        (_, f) => `  field${f}: String\n`,
      ).join('')}}\n`,
  );
  const queries = Array.from({ length: entities }, (_, e) => `  entity${e}(id: ID!): Entity${e}\n`);
  return `${types.join('')}type Query {\n${queries.join('')}}\n`;
}

function deployedSchemas(contents: string, maxExecutorBytes: number) {
  const open = new Set<number>();
  const servedSchemas: GraphQLSchema[] = [];
  let built = 0;
  let reads = 0;
  const store = {
    current: async () => {
      reads++;
      return { version: 'v1', contents };
    },
  } as unknown as SchemaSourceStore;
  const schemas = new DeployedSchemas(
    store,
    { deadlineMs: 1000 } as ResolverDeps,
    async (schema) => {
      const id = built++;
      open.add(id);
      servedSchemas.push(schema);
      return { close: async () => void open.delete(id) } as unknown as GraphqlExecutor;
    },
    60_000,
    { maxExecutors: 200, maxExecutorBytes, maxCheckedChars: 8 * MiB },
  );
  return { schemas, open, servedSchemas, reads: () => reads };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('DeployedSchemas', () => {
  it('keeps the executors of 30 keyspaces with deployed schemas within its byte budget', async () => {
    const contents = sdl(20, 30);
    expect(deployedSchemaBytes(contents)).toBeGreaterThan(MiB);
    const { schemas, open } = deployedSchemas(contents, 16 * MiB);
    for (let k = 0; k < 30; k++) expect(await schemas.get(`ks${k}`, 'token')).toBeDefined();
    await settled();
    expect(schemas.size).toBe(Math.floor((16 * MiB) / (deployedSchemaBytes(contents) + 4)));
    expect(open.size).toBe(schemas.size);
  });

  it('serves the same executor while the version is unchanged', async () => {
    const { schemas } = deployedSchemas(sdl(2, 3), 16 * MiB);
    const first = await schemas.get('ks', 'token');
    expect(await schemas.get('ks', 'token')).toBe(first);
  });

  it('serves the schema a deploy through this process built, without reading or building it again', async () => {
    const { schemas, servedSchemas, reads } = deployedSchemas(sdl(2, 3), 16 * MiB);
    await schemas.get('ks', 'token');
    const deployedSchema = buildSchema('type Query { entity0(id: ID!): Int }');
    schemas.changed('ks', { version: 'v2', contents: sdl(1, 1), schema: deployedSchema });
    await schemas.get('ks', 'token');
    expect({ reads: reads(), served: servedSchemas.length, last: servedSchemas.at(-1) }).toEqual({
      reads: 1,
      served: 2,
      last: deployedSchema,
    });
  });

  it('reads the version again on the next request after an undeploy', async () => {
    const { schemas, reads } = deployedSchemas(sdl(2, 3), 16 * MiB);
    await schemas.get('ks', 'token');
    schemas.changed('ks');
    await schemas.get('ks', 'token');
    expect(reads()).toBe(2);
  });
});
