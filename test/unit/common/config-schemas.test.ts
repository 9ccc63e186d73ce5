// The configuration schemas are valid JSON Schemas: loadConfig compiles them without checking that
// (it would cost every cold start the compilation of ajv's meta-schema), so it is checked here.
import { readdirSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { readConfigSchema } from '../../../services/common/src/config/load-config.js';

const names = readdirSync(new URL('../../../schemas/config/', import.meta.url))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

describe('schemas/config', () => {
  it.each(names)('%s.json is a valid JSON Schema', (name) => {
    const ajv = new Ajv({ strict: false });
    expect(ajv.validateSchema(readConfigSchema(name)), JSON.stringify(ajv.errors)).toBe(true);
  });

  it('a broken schema is caught', () => {
    const ajv = new Ajv({ strict: false });
    expect(ajv.validateSchema({ type: 'object', properties: { port: { type: 'integr' } } })).toBe(false);
  });
});
