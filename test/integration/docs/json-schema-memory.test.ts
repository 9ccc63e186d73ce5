// Collection JSON schemas against the Docs API as it ships (its own process, the production heap cap
// of 160 MiB). ajv's compiled validators cost memory out of proportion to the schema's text
// (services/docs/src/schema/json-schema-validator.ts): before the schema size limit, the
// compile-once references and the cache's character budget, each of these killed the Docs API with
// "JavaScript heap out of memory" (the third at its 45th schema: the cache counted 200 entries).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, isRunning, useServiceProcesses } from '../../support/service-processes.js';

const processes = useServiceProcesses('docs');
const namespace = `hc_json_schema_${randomBytes(3).toString('hex')}`;

const call = apiCaller(processes);

const collection = (name: string, rest = '') => `/v2/namespaces/${namespace}/collections/${name}${rest}`;

/** An object schema of `count` string properties named `<prefix><n>`. */
function flatSchema(prefix: string, count: number) {
  const properties: Record<string, unknown> = {};
  for (let p = 0; p < count; p++) properties[`${prefix}${p}`] = { type: 'string', maxLength: 20 };
  return { type: 'object', properties };
}

async function expectDocsApiServing() {
  expect(isRunning(processes.api.service)).toBe(true);
  expect((await call('GET', `/v2/schemas/namespaces/${namespace}`)).status).toBe(200);
}

beforeAll(async () => {
  expect((await call('POST', '/v2/schemas/namespaces', { name: namespace, replicas: 1 })).status).toBe(201);
  for (const name of ['big', 'refs', 'evolving']) {
    expect((await call('POST', `/v2/namespaces/${namespace}/collections`, { name })).status).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  if (processes.api && isRunning(processes.api.service)) {
    await call('DELETE', `/v2/schemas/namespaces/${namespace}`);
  }
});

describe('a collection JSON schema', () => {
  it('of ~740,000 characters (within the 4 MiB body limit) is refused with 400, and the API keeps serving', async () => {
    const schema = flatSchema('property_', 15_000);
    expect(JSON.stringify(schema).length).toBeGreaterThan(700_000);
    const res = await call('PUT', collection('big', '/json-schema'), schema);
    expect(res.status).toBe(400);
    expect(res.body.description).toMatch(/characters of JSON, more than the 100000 the Docs API compiles/);
    await expectDocsApiServing();
  }, 60_000);

  it('of 71,000 characters that refers 2,000 times to a definition of 50 properties validates documents', async () => {
    const definition = flatSchema('p', 50);
    const properties: Record<string, unknown> = {};
    for (let r = 0; r < 2000; r++) properties[`r${r}`] = { $ref: '#/definitions/item' };
    const schema = { type: 'object', definitions: { item: definition }, properties };
    expect((await call('PUT', collection('refs', '/json-schema'), schema)).status).toBe(200);
    expect((await call('PUT', collection('refs', '/d1'), { r7: { p3: 'short' } })).status).toBe(200);
    const invalid = await call('PUT', collection('refs', '/d2'), { r7: { p3: 'x'.repeat(21) } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.description).toMatch(/\/r7\/p3 must NOT have more than 20 characters/);
    await expectDocsApiServing();
  }, 60_000);

  it('replaced 64 times by distinct schemas of ~100,000 characters, a document written under each', async () => {
    for (let version = 0; version < 64; version++) {
      const schema = flatSchema(`v${version}_`, 2_250);
      expect(JSON.stringify(schema).length).toBeLessThanOrEqual(100_000);
      const set = await call('PUT', collection('evolving', '/json-schema'), schema);
      expect(set.status, `schema ${version}`).toBe(200);
      const write = await call('PUT', collection('evolving', `/doc${version}`), { [`v${version}_7`]: 'ok' });
      expect(write.status, `document ${version}`).toBe(200);
    }
    await expectDocsApiServing();
  }, 180_000);
});
