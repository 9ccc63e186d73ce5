// What one deploySchema may ask of the GraphQL API and of Cassandra. Building a deployed schema
// holds ~2,800 bytes of heap per field and argument (deployed-schema-bytes.ts), and a 1 MiB SDL fits
// in a request body: a dry run of 1,400 types of 30 fields (950 KB) filled the 160 MiB heap and
// killed the process, and one of 20,000 one-field types planned 20,000 CREATE TABLEs. The SDL is
// parsed with a token cap and counted before anything is built; the tables and UDTs are counted
// once it is mapped, and against what the keyspace already holds once it is planned: repeated
// deploys of new type names would otherwise add up to maxEntities tables each, without end.
import { type DefinitionNode, type DocumentNode, GraphQLError, Kind, parse } from '../graphql-js.js';
import { SchemaMappingError } from './mapping-messages.js';

export interface DeployLimits {
  /** GraphQL tokens of the SDL (names, punctuation, strings): bounds parsing whatever the shape. */
  maxTokens: number;
  /** Type definitions and extensions (objects, inputs, enums, interfaces, unions, scalars). */
  maxTypes: number;
  /** Fields, arguments (of fields and of directive definitions), input fields and enum values: what
   *  the built schema's heap grows with. */
  maxFields: number;
  /** Tables and UDTs the schema maps to: each one a CREATE statement and a table Cassandra keeps. */
  maxEntities: number;
}

/**
 * The defaults of GRAPHQL_DEPLOY_MAX_TOKENS, _TYPES, _FIELDS and _TABLES (schemas/config/graphql.json).
 * 100 entities of 30 fields with five operations of two arguments each declare ~4,600 fields and
 * arguments; 6,000 hold ~17 MB once served, about the deployed-schema budget (16 MiB, app.ts).
 */
export const DEPLOY_LIMITS: DeployLimits = {
  maxTokens: 100_000,
  maxTypes: 500,
  maxFields: 6_000,
  maxEntities: 200,
};

const count = (n: number) => n.toLocaleString('en-US');

/** A schema over a limit: one mapping error naming the limit, without locations. */
function overLimit(message: string, summary = 'The schema is too large to deploy.'): SchemaMappingError {
  return new SchemaMappingError(summary, [{ message, category: 'ERROR', locations: [] }]);
}

/** The SDL parsed, if within the token limit (and not nested beyond the parser's stack). */
export function parseWithinLimits(sdl: string, limits: DeployLimits): DocumentNode {
  try {
    return parse(sdl, { maxTokens: limits.maxTokens });
  } catch (err) {
    // graphql-js's own wording ("more that N tokens") names no setting: say which one.
    if (err instanceof GraphQLError && /more th\w+ \d+ tokens/.test(err.message))
      throw overLimit(
        `The schema has more than ${count(limits.maxTokens)} GraphQL tokens: deploySchema accepts at most ${count(limits.maxTokens)}.`,
      );
    if (err instanceof RangeError)
      throw overLimit('The schema is nested too deeply to parse (e.g. list types inside list types).');
    throw err;
  }
}

/** Refuses a document with more types or fields than the limits, before anything is built from it. */
export function checkDefinitionCounts(document: DocumentNode, limits: DeployLimits): void {
  let types = 0;
  let fields = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.DIRECTIVE_DEFINITION) fields += definition.arguments?.length ?? 0;
    if (!isTypeDefinition(definition)) continue;
    types++;
    if ('fields' in definition)
      for (const field of definition.fields ?? [])
        fields += 1 + ('arguments' in field ? (field.arguments?.length ?? 0) : 0);
    if ('values' in definition) fields += definition.values?.length ?? 0;
  }
  if (types > limits.maxTypes)
    throw overLimit(
      `The schema declares ${count(types)} types: deploySchema accepts at most ${count(limits.maxTypes)}.`,
    );
  if (fields > limits.maxFields)
    throw overLimit(
      `The schema declares ${count(fields)} fields, arguments and enum values: deploySchema accepts at most ${count(limits.maxFields)}.`,
    );
}

/** Refuses a schema that maps to more tables and UDTs than the limit. */
export function checkEntityCount(entities: number, limits: DeployLimits): void {
  if (entities > limits.maxEntities)
    throw overLimit(
      `The schema maps to ${count(entities)} tables and UDTs: deploySchema creates at most ${count(limits.maxEntities)}.`,
    );
}

/**
 * Refuses a deploy that creates tables or UDTs when the keyspace would then hold more than
 * `maxKeyspaceEntities` of them (those it has now, whoever created them, plus the created ones). A
 * deploy that creates none is let through: it does not add to what the keyspace holds.
 */
export function checkKeyspaceEntityCount(
  existing: number,
  created: number,
  maxKeyspaceEntities: number,
): void {
  const after = existing + created;
  if (created === 0 || after <= maxKeyspaceEntities) return;
  throw overLimit(
    `The keyspace would hold ${count(after)} tables and UDTs after this deploy (${count(existing)} now, ${count(created)} created): deploySchema allows at most ${count(maxKeyspaceEntities)} per keyspace.`,
    'The keyspace holds too many tables and UDTs to deploy this schema.',
  );
}

function isTypeDefinition(definition: DefinitionNode): boolean {
  switch (definition.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.OBJECT_TYPE_EXTENSION:
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
    case Kind.INPUT_OBJECT_TYPE_EXTENSION:
    case Kind.INTERFACE_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_EXTENSION:
    case Kind.ENUM_TYPE_DEFINITION:
    case Kind.ENUM_TYPE_EXTENSION:
    case Kind.UNION_TYPE_DEFINITION:
    case Kind.UNION_TYPE_EXTENSION:
    case Kind.SCALAR_TYPE_DEFINITION:
    case Kind.SCALAR_TYPE_EXTENSION:
      return true;
    default:
      return false;
  }
}
