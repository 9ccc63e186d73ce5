// A CQL type → the OpenAPI 3.0 schema of its value as the REST API writes it (`read`) and accepts
// it (`write`), following services/common/src/codecs/ exactly. What the codecs do, per type:
// - integers are JSON numbers with every digit (bigint and varint too: beyond 2^53 a JS client
//   needs a lossless parser); counters are read back as digit strings; decimal is a JSON number;
//   float/double are numbers or "NaN", "Infinity", "-Infinity";
// - timestamp is an ISO-8601 instant ("2024-05-01T10:00:00Z"; years past 9999 as "+10000-…", and
//   beyond JS dates' ±273,790 years the epoch milliseconds); in: ISO text or epoch milliseconds;
// - date "yyyy-mm-dd", time "hh:mm[:ss[.fffffffff]]", duration CQL text ("1h30m") or ISO ("PT1H");
// - uuid/timeuuid, inet as strings; blob (and custom types) as base64;
// - list, set, vector as arrays (a vector exactly its dimension long), tuple as an array of its
//   elements, UDT as an object of its fields, map as an object keyed by the key's text (input also
//   takes [{"key", "value"}] entries);
// - on input, any JSON string is also Stargate's "stringified" form (the value's CQL literal
//   text), so every non-string type also accepts a string.
// Every value may be null (an unset cell reads back as null; null deletes a cell).

import { cqlTypeText } from '../cql/cql-type.js';
import type { TypeSpec__Output } from '../proto/generated/stargate/TypeSpec.js';
import { BasicType } from '../proto/proto-enums.js';

export type Direction = 'read' | 'write';

/** How values travel: which way, and the map shape responses use (the compactMapData default). */
export interface SchemaContext {
  direction: Direction;
  compactMapData: boolean;
}

/** An OpenAPI 3.0 Schema Object. */
export type OpenApiSchema = Record<string, unknown>;

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const TIMEUUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-1[0-9a-fA-F]{3}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
/** java.time.Instant#toString: at least four year digits, a sign past 9999 or before year 0. */
const INSTANT_PATTERN = '^[+-]?\\d{4,}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?Z$';
const DATE_PATTERN = '^[+-]?\\d{4,}-\\d{2}-\\d{2}$';
const TIME_PATTERN = '^\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?$';
const BASE64_PATTERN = '^[A-Za-z0-9+/]*={0,2}$';
const NON_FINITE = ['NaN', 'Infinity', '-Infinity'];
const INT64_DIGITS = '^[+-]?\\d{1,19}$';

const STRINGIFIED = {
  type: 'string',
  description: "Stargate's stringified form: the value's CQL literal text (e.g. '1', '[1,2]', '{a:1}')",
};

function integer(cql: string, min: number, max: number): OpenApiSchema {
  return { type: 'integer', format: cql === 'int' ? 'int32' : undefined, minimum: min, maximum: max };
}

/** The schema of one basic (native) type. */
function basicSchema(basic: number, direction: Direction): OpenApiSchema {
  switch (basic) {
    case BasicType.ASCII:
      return { type: 'string', pattern: '^[\\x00-\\x7F]*$', description: 'ascii' };
    case BasicType.TEXT:
    case BasicType.VARCHAR:
      return { type: 'string', description: 'text' };
    case BasicType.BOOLEAN:
      return { type: 'boolean', description: 'boolean' };
    case BasicType.TINYINT:
      return { ...integer('tinyint', -128, 127), description: 'tinyint' };
    case BasicType.SMALLINT:
      return { ...integer('smallint', -32768, 32767), description: 'smallint' };
    case BasicType.INT:
      return { ...integer('int', -2147483648, 2147483647), description: 'int' };
    case BasicType.BIGINT:
      return {
        type: 'integer',
        format: 'int64',
        description:
          'bigint, -9223372036854775808 to 9223372036854775807: a JSON number with every digit (read it with a lossless JSON parser beyond 2^53)',
      };
    case BasicType.VARINT:
      return {
        type: 'integer',
        description:
          'varint: a whole JSON number of any size, every digit kept (beyond 2^53 read it losslessly)',
      };
    case BasicType.COUNTER:
      return direction === 'read'
        ? { type: 'string', pattern: '^-?\\d+$', description: 'counter: its value as a digit string' }
        : {
            anyOf: [
              { type: 'integer', format: 'int64' },
              { type: 'string', pattern: INT64_DIGITS },
            ],
            description: 'counter: the amount to add (PUT/PATCH), e.g. 1, "+1" or "-2"',
          };
    case BasicType.DECIMAL:
      return { type: 'number', description: 'decimal: a JSON number of any precision, every digit kept' };
    case BasicType.FLOAT:
    case BasicType.DOUBLE: {
      const cql = basic === BasicType.FLOAT ? 'float' : 'double';
      return {
        anyOf: [{ type: 'number' }, { type: 'string', enum: NON_FINITE }],
        description: `${cql}: a number, or "NaN", "Infinity", "-Infinity"`,
      };
    }
    case BasicType.TIMESTAMP:
      return direction === 'read'
        ? {
            anyOf: [
              { type: 'string', pattern: INSTANT_PATTERN },
              {
                type: 'integer',
                format: 'int64',
                description: 'epoch milliseconds, for years past ±273,790',
              },
            ],
            description:
              'timestamp: an ISO-8601 instant such as "2024-05-01T10:00:00Z" (milliseconds when not zero; "+10000-…" past year 9999)',
          }
        : {
            anyOf: [
              { type: 'string', format: 'date-time' },
              { type: 'integer', format: 'int64', description: 'epoch milliseconds' },
            ],
            description:
              'timestamp: an ISO-8601 date-time (with or without offset, e.g. "2024-05-01T10:00:00Z") or epoch milliseconds',
          };
    case BasicType.DATE:
      // Past year 9999 the API writes "+10000-01-01", which RFC 3339's full-date (format "date") does not allow.
      return {
        type: 'string',
        ...(direction === 'write' ? { format: 'date' } : {}),
        pattern: DATE_PATTERN,
        description: 'date: "yyyy-mm-dd" (years past 9999 with a sign: "+10000-01-01")',
      };
    case BasicType.TIME:
      return {
        type: 'string',
        pattern: TIME_PATTERN,
        description:
          'time: "hh:mm[:ss[.fffffffff]]" (written as java.time.LocalTime, e.g. "10:00", "10:00:05.120")',
      };
    case BasicType.DURATION:
      return {
        type: 'string',
        description:
          'duration: CQL duration text ("1y2mo3w4d5h6m7s8ms9us10ns", "-1h30m") or ISO-8601 ("P1DT2H"); read back as CQL text',
      };
    case BasicType.UUID:
      return { type: 'string', format: 'uuid', pattern: UUID_PATTERN, description: 'uuid' };
    case BasicType.TIMEUUID:
      return {
        type: 'string',
        format: 'uuid',
        pattern: TIMEUUID_PATTERN,
        description: 'timeuuid: a version 1 UUID',
      };
    case BasicType.INET:
      return { type: 'string', description: 'inet: an IPv4 or IPv6 address, e.g. "192.168.0.1" or "::1"' };
    case BasicType.BLOB:
      return { type: 'string', format: 'byte', pattern: BASE64_PATTERN, description: 'blob: base64' };
    default:
      return {
        type: 'string',
        format: 'byte',
        pattern: BASE64_PATTERN,
        description: 'a custom type: its serialized bytes in base64',
      };
  }
}

/** Whether values of the schema are JSON strings already (no stringified alternative needed). */
function isStringSchema(schema: OpenApiSchema): boolean {
  return schema.type === 'string';
}

/**
 * The schema of a value of the CQL type. `write`: what a REST body accepts (stringified text
 * included); `read`: what a REST response carries.
 */
export function cqlJsonSchema(type: TypeSpec__Output | undefined, context: SchemaContext): OpenApiSchema {
  const typed = typedSchema(type, context);
  let schema = typed;
  if (context.direction === 'write' && !isStringSchema(typed)) {
    // One flat anyOf: the typed forms, then the stringified text.
    schema = Array.isArray(typed.anyOf)
      ? { anyOf: [...typed.anyOf, STRINGIFIED] }
      : { anyOf: [withoutDescription(typed), STRINGIFIED] };
  }
  return { ...nullable(schema), description: describe(type, typed) };
}

/**
 * The schema with null allowed. OpenAPI 3.0's `nullable` applies to a schema's `type`, so an anyOf
 * gets it on each of its typed alternatives (`{type: "null"}` is 3.1 only).
 */
function nullable(schema: OpenApiSchema): OpenApiSchema {
  if (schema.type !== undefined || !Array.isArray(schema.anyOf)) return { ...schema, nullable: true };
  return { ...schema, anyOf: schema.anyOf.map((branch: OpenApiSchema) => ({ ...branch, nullable: true })) };
}

/** The schema of a primary key value in a URL path: the value's text form. */
export function pathValueSchema(type: TypeSpec__Output | undefined): OpenApiSchema {
  const typed = typedSchema(type, { direction: 'write', compactMapData: true });
  const text = typeof typed.type === 'string' && ['integer', 'boolean', 'string'].includes(typed.type);
  return text
    ? { ...withoutUndefined(typed), description: describe(type, typed) }
    : { type: 'string', description: `${describe(type, typed)}; in its CQL text form` };
}

function describe(type: TypeSpec__Output | undefined, typed: OpenApiSchema): string {
  const text = cqlTypeText(type);
  const detail = typeof typed.description === 'string' ? typed.description : text;
  return detail.startsWith(text) ? detail : `${text}: ${detail}`;
}

function withoutDescription(schema: OpenApiSchema): OpenApiSchema {
  const { description: _description, ...rest } = schema;
  return rest;
}

function withoutUndefined(schema: OpenApiSchema): OpenApiSchema {
  return Object.fromEntries(Object.entries(schema).filter(([, v]) => v !== undefined));
}

/** Elements inside collections: nullable only where Cassandra keeps nulls (UDT fields, tuples). */
function element(type: TypeSpec__Output | undefined, context: SchemaContext, orNull: boolean): OpenApiSchema {
  const typed = withoutUndefined(typedSchema(type, context));
  return orNull ? nullable(typed) : typed;
}

function typedSchema(type: TypeSpec__Output | undefined, context: SchemaContext): OpenApiSchema {
  const { direction } = context;
  if (!type) return {};
  if (type.list || type.set) {
    const spec = (type.list ?? type.set)!;
    return {
      type: 'array',
      items: element(spec.element, context, false),
      ...(type.set && direction === 'read' ? { uniqueItems: true } : {}),
      description: cqlTypeText(type),
    };
  }
  if (type.vector) {
    const size = type.vector.size ?? 0;
    // Vectors are arrays of numbers (similarity search has no use for NaN or Infinity).
    const numeric =
      type.vector.element?.basic === BasicType.FLOAT || type.vector.element?.basic === BasicType.DOUBLE;
    return {
      type: 'array',
      items: numeric ? { type: 'number' } : element(type.vector.element, context, false),
      minItems: size,
      maxItems: size,
      description: `${cqlTypeText(type)}: exactly ${size} numbers`,
    };
  }
  if (type.map) {
    const value = element(type.map.value, context, false);
    const object = {
      type: 'object',
      additionalProperties: value,
      description: `${cqlTypeText(type)}: an object keyed by the keys' text`,
    };
    const entries = {
      type: 'array',
      items: {
        type: 'object',
        properties: { key: element(type.map.key, context, false), value },
        required: ['key', 'value'],
        // The API reads "key" and "value" and ignores anything else an entry carries.
        additionalProperties: direction !== 'read',
      },
      description: `${cqlTypeText(type)}: an array of {"key", "value"} entries`,
    };
    if (direction === 'read') return context.compactMapData ? object : entries;
    return {
      anyOf: [withoutDescription(object), withoutDescription(entries)],
      description: `${cqlTypeText(type)}: an object keyed by the keys' text, or an array of {"key", "value"} entries`,
    };
  }
  if (type.tuple) {
    const elements = (type.tuple.elements ?? []).map((t) => element(t, context, true));
    // OpenAPI 3.0 has no prefixItems: the element schemas are listed, the length is exact.
    const distinct = [...new Map(elements.map((e) => [JSON.stringify(e), e])).values()];
    return {
      type: 'array',
      items: distinct.length === 1 ? distinct[0] : { anyOf: distinct },
      minItems: elements.length,
      maxItems: elements.length,
      'x-prefixItems': elements,
      description: `${cqlTypeText(type)}: an array of ${elements.length} values in this order`,
    };
  }
  if (type.udt) {
    const fields = Object.entries(type.udt.fields ?? {});
    return {
      type: 'object',
      properties: Object.fromEntries(fields.map(([name, t]) => [name, element(t, context, true)])),
      ...(direction === 'read' ? { required: fields.map(([name]) => name) } : {}),
      additionalProperties: false,
      description: `${cqlTypeText(type)}: user-defined type`,
    };
  }
  return withoutUndefined(basicSchema(type.basic ?? BasicType.CUSTOM, direction));
}
