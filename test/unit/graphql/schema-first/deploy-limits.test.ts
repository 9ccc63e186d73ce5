// A deploy's SDL is refused before it is built when it has more tokens, types, fields or tables
// than the limits (deploy-limits.ts): one mapping error naming the limit.
import { describe, expect, it } from 'vitest';
import { readConfigSchema } from '../../../../services/common/src/config/load-config.js';
import {
  checkKeyspaceEntityCount,
  DEPLOY_LIMITS,
  type DeployLimits,
} from '../../../../services/graphql/src/schema-first/deploy-limits.js';
import { SchemaMappingError } from '../../../../services/graphql/src/schema-first/mapping-messages.js';
import { mapDeployedSchema } from '../../../../services/graphql/src/schema-first/schema-mapping.js';

const SMALL: DeployLimits = { maxTokens: 200, maxTypes: 3, maxFields: 6, maxEntities: 2 };

function refusal(sdl: string, limits: DeployLimits): string[] {
  try {
    mapDeployedSchema(sdl, limits);
  } catch (err) {
    if (err instanceof SchemaMappingError) return err.errors.map((e) => e.message);
    throw err;
  }
  return [];
}

describe('deploy limits', () => {
  it('counts types, and fields with their arguments and enum values', () => {
    expect(
      refusal('type A { id: ID! }\ntype B { id: ID! }\nenum E { X Y }\ntype Query { a: A }', SMALL),
    ).toEqual(['The schema declares 4 types: deploySchema accepts at most 3.']);
    expect(
      refusal('type A { id: ID! n: Int }\nenum E { X Y Z }\ntype Query { a(id: ID!): A }', SMALL),
    ).toEqual(['The schema declares 7 fields, arguments and enum values: deploySchema accepts at most 6.']);
  });

  it('counts the tables and UDTs the schema maps to', () => {
    expect(refusal('type A { id: ID! }\ntype B { id: ID! }\ntype Query { a: A }', SMALL)).toEqual([]);
    expect(
      refusal('type A { id: ID! }\ntype B { id: ID! }\ntype C { id: ID! }\ntype Query { a: A }', {
        ...SMALL,
        maxTypes: 9,
      }),
    ).toEqual(['The schema maps to 3 tables and UDTs: deploySchema creates at most 2.']);
  });

  it('stops parsing at the token limit, and refuses list types nested beyond the stack', () => {
    const many = `type Query { ${Array.from({ length: 100 }, (_, f) => `f${f}: Int`).join(' ')} }`;
    expect(refusal(many, SMALL)).toEqual([
      'The schema has more than 200 GraphQL tokens: deploySchema accepts at most 200.',
    ]);
    const deep = `type Query { f: ${'['.repeat(60_000)}Int${']'.repeat(60_000)} }`;
    expect(refusal(deep, DEPLOY_LIMITS)).toEqual([
      'The schema is nested too deeply to parse (e.g. list types inside list types).',
    ]);
  });

  it('a schema already deployed is mapped without limits', () => {
    const types = Array.from({ length: 5 }, (_, t) => `type T${t} { id: ID! }`).join('\n');
    expect(mapDeployedSchema(`${types}\ntype Query { t: T0 }`).entities).toHaveLength(5);
  });

  it('counts the tables and UDTs a keyspace would hold after a deploy that creates some', () => {
    const keyspaceRefusal = (existing: number, created: number) => {
      try {
        checkKeyspaceEntityCount(existing, created, 200);
      } catch (err) {
        if (err instanceof SchemaMappingError) return [err.message, ...err.errors.map((e) => e.message)];
        throw err;
      }
      return [];
    };
    expect(keyspaceRefusal(190, 10)).toEqual([]);
    // A deploy that creates nothing does not grow the keyspace, whatever it holds.
    expect(keyspaceRefusal(1_500, 0)).toEqual([]);
    const limit =
      'The keyspace would hold 1,201 tables and UDTs after this deploy (1,000 now, 201 created): deploySchema allows at most 200 per keyspace.';
    expect(keyspaceRefusal(1_000, 201)).toEqual([
      `The keyspace holds too many tables and UDTs to deploy this schema. ${limit}`,
      limit,
    ]);
  });

  it('DEPLOY_LIMITS are the defaults of the GRAPHQL_DEPLOY_* settings', () => {
    const settings = readConfigSchema('graphql').properties;
    expect({
      maxTokens: settings.deployMaxTokens?.default,
      maxTypes: settings.deployMaxTypes?.default,
      maxFields: settings.deployMaxFields?.default,
      maxEntities: settings.deployMaxTables?.default,
    }).toEqual(DEPLOY_LIMITS);
  });
});
