// A collection's JSON Schema (draft-07 / 2019-09 / 2020-12) as an OpenAPI 3.0 schema: what 3.0 can
// say is kept or rewritten, what it cannot is left out (allowing more, never less).
import { describe, expect, it } from 'vitest';
import { jsonSchemaToOpenApi30 } from '../../../../services/common/src/openapi/json-schema-to-openapi30.js';

describe('jsonSchemaToOpenApi30', () => {
  it('rewrites const, type lists, numeric exclusive bounds, examples and boolean schemas', () => {
    const { schema } = jsonSchemaToOpenApi30(
      {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: 'https://example.com/book',
        type: 'object',
        properties: {
          kind: { const: 'book' },
          note: { type: ['string', 'null'], examples: ['first edition'] },
          count: { type: ['integer', 'string'] },
          price: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1000 },
          anything: true,
          nothing: false,
          tags: { type: 'array' },
        },
        additionalProperties: false,
      },
      'books',
    );
    expect(schema).toEqual({
      type: 'object',
      properties: {
        kind: { enum: ['book'] },
        note: { type: 'string', nullable: true, example: 'first edition' },
        count: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
        price: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 1000, exclusiveMaximum: true },
        anything: {},
        nothing: { not: {} },
        tags: { type: 'array', items: {} },
      },
      additionalProperties: false,
    });
  });

  it('turns definitions and $defs into components, and leaves out what 3.0 cannot say', () => {
    const converted = jsonSchemaToOpenApi30(
      {
        type: 'object',
        properties: {
          author: { $ref: '#/$defs/person' },
          editor: { $ref: '#/definitions/person name' },
          remote: { $ref: 'https://example.com/other.json' },
        },
        patternProperties: { '^x-': { type: 'string' } },
        if: { required: ['a'] },
        else: { required: ['b'] },
        $defs: { person: { type: 'object', properties: { name: { type: 'string' } } } },
        definitions: { 'person name': { type: 'string' } },
      },
      'books',
    );
    expect(converted.schema).toEqual({
      type: 'object',
      properties: {
        author: { $ref: '#/components/schemas/books_person' },
        editor: { $ref: '#/components/schemas/books_person_name' },
        remote: {},
      },
    });
    expect(converted.definitions).toEqual({
      books_person: { type: 'object', properties: { name: { type: 'string' } } },
      books_person_name: { type: 'string' },
    });
  });
});
