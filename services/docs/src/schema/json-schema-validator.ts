// A collection's JSON schema (kept in the table comment as {"schema": ...}, as Stargate does),
// checked and compiled with ajv: draft-07 (the default when `$schema` is absent), 2019-09 and
// 2020-12. Compiled validators are cached by schema text, so a document write compiles nothing.
//
// Compiling costs memory out of proportion to the schema (measured under the Docs API's 160 MiB
// heap, a flat schema of `properties`): ~300 B per character of schema JSON while ajv generates the
// code, and a compiled validator keeps ~37 B per character once it has run (its code, V8's
// bytecode). So one schema of 740,000 characters, well within the 4 MiB body limit, killed the Docs
// API with "JavaScript heap out of memory" while compiling, and so did a 71,000-character schema
// that references a definition of 50 properties 2,000 times (ajv copied the definition into each
// place). Hence: a schema is at most MAX_SCHEMA_CHARS (compiling one needs ~30 MiB), references
// are compiled once and called, and the cache is bounded in characters as well as in entries
// (test/integration/docs/json-schema-memory.test.ts).
import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { BoundedCache } from '../../../common/src/cache/bounded-cache.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { LONGEST_DESCRIBED_COMMENT } from '../../../common/src/schema/omitted-comment.js';
import type { Json } from '../document/json-tree.js';

type AnyAjv = Ajv | Ajv2019 | Ajv2020;
const addFormats = addFormatsModule as unknown as (ajv: AnyAjv) => AnyAjv;

// inlineRefs off: a referenced schema is one function, however many places refer to it.
const options = { allErrors: true, strict: false, validateSchema: true, inlineRefs: false } as const;
// A fresh ajv per compiled schema: schemas of different collections may reuse an `$id`.
const engines = {
  draft7: () => addFormats(new Ajv(options)),
  draft2019: () => addFormats(new Ajv2019(options)),
  draft2020: () => addFormats(new Ajv2020(options)),
};

const MAX_SCHEMA_CHARS = 100_000;
const MAX_CACHED = 200;
// 512 Ki characters of schema JSON: ≤ ~19 MiB of validators. 200 schemas of 2.6 KB on average fit;
// a few large ones push out the least used.
const MAX_CACHED_SCHEMA_CHARS = 512 * 1024;
const cache = new BoundedCache<string, ValidateFunction>({
  maxEntries: MAX_CACHED,
  maxChars: MAX_CACHED_SCHEMA_CHARS,
  charsOf: (_validate, schemaText) => schemaText.length,
});

function engineFor(schema: Json): AnyAjv {
  const declared =
    typeof schema === 'object' && schema !== null && !Array.isArray(schema) ? schema.$schema : undefined;
  if (declared === undefined) return engines.draft7();
  if (typeof declared === 'string') {
    if (/draft-07\/schema#?$/.test(declared)) return engines.draft7();
    if (/draft\/2019-09\/schema#?$/.test(declared)) return engines.draft2019();
    if (/draft\/2020-12\/schema#?$/.test(declared)) return engines.draft2020();
  }
  throw new ApiError('DOCS_API_JSON_SCHEMA_INVALID', {
    detail: `unsupported $schema ${JSON.stringify(declared)}: use draft-07, 2019-09 or 2020-12`,
  });
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 10)
    .map((e) => {
      const where = e.instancePath === '' ? '/' : e.instancePath;
      const extra =
        e.keyword === 'additionalProperties'
          ? ` '${(e.params as { additionalProperty: string }).additionalProperty}'`
          : e.keyword === 'enum'
            ? ` ${JSON.stringify((e.params as { allowedValues: unknown }).allowedValues)}`
            : '';
      return `${where} ${e.message ?? 'is invalid'}${extra}`;
    })
    .join('; ');
}

// Stands for the schema of a collection whose table comment the bridge left out of its description.
const UNREADABLE = '$unreadableTableCommentChars';

export function unreadableSchema(commentChars: number): Json {
  return { [UNREADABLE]: commentChars };
}

/** Compiles (or refuses) a schema; throws DOCS_API_JSON_SCHEMA_INVALID naming the problem. */
export function compileJsonSchema(schema: Json): ValidateFunction {
  if (typeof schema === 'object' && schema !== null && !Array.isArray(schema) && UNREADABLE in schema) {
    throw new ApiError('DOCS_API_JSON_SCHEMA_INVALID', {
      detail: `the collection's table comment, where its JSON schema is kept, is ${schema[UNREADABLE]} characters, more than the ${LONGEST_DESCRIBED_COMMENT} the gateway reads (a schema is at most ${MAX_SCHEMA_CHARS}); set a smaller schema`,
    });
  }
  const key = JSON.stringify(schema);
  const cached = cache.get(key);
  if (cached) return cached;
  if (key.length > MAX_SCHEMA_CHARS) {
    throw new ApiError('DOCS_API_JSON_SCHEMA_INVALID', {
      detail: `the schema is ${key.length} characters of JSON, more than the ${MAX_SCHEMA_CHARS} the Docs API compiles`,
    });
  }
  if (
    typeof schema !== 'boolean' &&
    (typeof schema !== 'object' || schema === null || Array.isArray(schema))
  ) {
    throw new ApiError('DOCS_API_JSON_SCHEMA_INVALID', {
      detail: 'a JSON schema is an object (or a boolean)',
    });
  }
  const ajv = engineFor(schema);
  let validate: ValidateFunction;
  try {
    if (!ajv.validateSchema(schema as AnySchema)) {
      throw new ApiError('DOCS_API_JSON_SCHEMA_INVALID', { detail: describeErrors(ajv.errors) });
    }
    validate = ajv.compile(schema as AnySchema);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('DOCS_API_JSON_SCHEMA_INVALID', { detail: (err as Error).message });
  }
  cache.set(key, validate);
  return validate;
}

/** Throws DOCS_API_INVALID_JSON_VALUE listing each failing path when the document does not match. */
export function validateDocument(schema: Json, document: Json): void {
  const validate = compileJsonSchema(schema);
  if (!validate(document)) {
    throw new ApiError('DOCS_API_INVALID_JSON_VALUE', {
      detail: `Invalid JSON: [${describeErrors(validate.errors)}]`,
    });
  }
}
