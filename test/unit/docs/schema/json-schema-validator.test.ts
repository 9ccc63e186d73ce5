import { describe, expect, it } from 'vitest';
import type { Json } from '../../../../services/docs/src/document/json-tree.js';
import {
  compileJsonSchema,
  validateDocument,
} from '../../../../services/docs/src/schema/json-schema-validator.js';

describe('JSON schema validation', () => {
  it('validates with draft-07 by default and names the failing paths', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'integer' }, b: { enum: ['x'] } },
      required: ['a'],
    };
    expect(() => validateDocument(schema, { a: 1 })).not.toThrow();
    expect(() => validateDocument(schema, { a: 'no', b: 'y' })).toThrow(
      'Invalid JSON: [/a must be integer; /b must be equal to one of the allowed values ["x"]]',
    );
  });

  it('supports 2019-09 and 2020-12, and two schemas with the same $id', () => {
    const v2020 = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://example.com/same.json',
      type: 'array',
      prefixItems: [{ type: 'string' }],
    };
    expect(() => validateDocument(v2020, [1])).toThrow('/0 must be string');
    const v2019 = {
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      $id: 'https://example.com/same.json',
      minProperties: 1,
    };
    expect(() => validateDocument(v2019, {})).toThrow('must NOT have fewer than 1 properties');
  });

  it('refuses invalid schemas and unknown drafts', () => {
    expect(() => compileJsonSchema({ type: 12 })).toThrow(
      /^The provided JSON schema is invalid or malformed: /,
    );
    expect(() => compileJsonSchema({ $schema: 'http://json-schema.org/draft-04/schema#' })).toThrow(
      /unsupported \$schema/,
    );
    expect(() => compileJsonSchema([1])).toThrow(/is an object/);
  });

  it('refuses a schema of more than 100,000 characters of JSON, before compiling it', () => {
    const properties: Record<string, Json> = {};
    for (let p = 0; p < 3000; p++) properties[`property_${p}`] = { type: 'string' };
    expect(() => compileJsonSchema({ type: 'object', properties })).toThrow(
      /the schema is \d+ characters of JSON, more than the 100000 the Docs API compiles/,
    );
  });
});
