// A user's JSON Schema (draft-07, 2019-09 or 2020-12, as Docs collections declare them) as an
// OpenAPI 3.0 Schema Object: `const` → a one-value enum, type lists with "null" → `nullable`,
// numeric exclusive bounds → 3.0's boolean form, `examples` → `example`, boolean schemas → {} or
// {not: {}}, `definitions`/`$defs` → named component schemas with their `$ref`s rewritten.
// Keywords 3.0 does not have (if/then/else, patternProperties, …) are left out: the document then
// allows a little more than the collection does, and the API's answer (a 400) says what.
export type JsonSchema = unknown;
type Schema = Record<string, unknown>;

/** The keywords an OpenAPI 3.0 Schema Object may carry, copied as they are (after conversion). */
const PLAIN = new Set([
  'title',
  'description',
  'multipleOf',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'required',
  'enum',
  'format',
  'default',
  'readOnly',
  'writeOnly',
  'deprecated',
]);

export interface ConvertedSchema {
  schema: Schema;
  /** The schema's definitions, under `${prefix}_${name}`, for components.schemas. */
  definitions: Record<string, Schema>;
}

/** Converts `schema`; its local definitions become components named `${prefix}_${name}`. */
export function jsonSchemaToOpenApi30(schema: JsonSchema, prefix: string): ConvertedSchema {
  const definitions: Record<string, Schema> = {};
  const refName = (ref: string) => {
    const m = /^#\/(?:definitions|\$defs)\/([^/]+)$/.exec(ref);
    return m ? `#/components/schemas/${prefix}_${componentName(decodeURIComponent(m[1]!))}` : undefined;
  };
  const convert = (node: JsonSchema): Schema => {
    if (node === true || node === undefined) return {};
    if (node === false) return { not: {} };
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return {};
    const source = node as Schema;
    if (typeof source.$ref === 'string') {
      const ref = refName(source.$ref);
      // A reference we cannot follow (remote, or into the schema's own body) allows anything.
      return ref ? { $ref: ref } : {};
    }
    const out: Schema = {};
    for (const [key, value] of Object.entries(source)) {
      if (PLAIN.has(key)) out[key] = value;
    }
    if ('const' in source) out.enum = [source.const];
    if (Array.isArray(source.examples) && source.examples.length > 0) out.example = source.examples[0];
    for (const bound of ['minimum', 'maximum'] as const) {
      if (typeof source[bound] === 'number') out[bound] = source[bound];
    }
    for (const [exclusive, bound] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const) {
      const value = source[exclusive];
      if (typeof value === 'number') {
        out[bound] = value;
        out[exclusive] = true;
      } else if (value === true) out[exclusive] = true;
    }
    Object.assign(out, typeOf(source.type));
    if (source.properties && typeof source.properties === 'object') {
      out.properties = Object.fromEntries(
        Object.entries(source.properties as Record<string, JsonSchema>).map(([k, v]) => [k, convert(v)]),
      );
    }
    if ('additionalProperties' in source) {
      const extra = source.additionalProperties;
      out.additionalProperties = typeof extra === 'boolean' ? extra : convert(extra);
    }
    if (source.items !== undefined && !Array.isArray(source.items)) out.items = convert(source.items);
    for (const list of ['allOf', 'anyOf', 'oneOf'] as const) {
      if (Array.isArray(source[list])) out[list] = (source[list] as JsonSchema[]).map(convert);
    }
    if (source.not !== undefined) out.not = convert(source.not);
    // 3.0: an array schema must say what its items are.
    if (out.type === 'array' && out.items === undefined) out.items = {};
    return out;
  };
  const root =
    schema !== null && typeof schema === 'object' && !Array.isArray(schema) ? (schema as Schema) : {};
  for (const key of ['definitions', '$defs'] as const) {
    const defs = root[key];
    if (!defs || typeof defs !== 'object') continue;
    for (const [name, def] of Object.entries(defs as Record<string, JsonSchema>)) {
      definitions[`${prefix}_${componentName(name)}`] = convert(def);
    }
  }
  return { schema: convert(schema), definitions };
}

/** Component names allow letters, digits, ".", "-" and "_". */
function componentName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

function typeOf(type: unknown): Schema {
  if (typeof type === 'string') return type === 'null' ? { nullable: true, enum: [null] } : { type };
  if (!Array.isArray(type)) return {};
  const types = type.filter((t): t is string => typeof t === 'string' && t !== 'null');
  const nullable = type.includes('null') ? { nullable: true } : {};
  if (types.length === 0) return nullable;
  if (types.length === 1) return { type: types[0], ...nullable };
  return { anyOf: types.map((t) => ({ type: t })), ...nullable };
}
