// Every kind of bad input gets a 4xx naming the problem, and nothing of it is written: invalid
// JSON, too deep, too long arrays, too many leaves, bad field names, bad PATCH bodies, popping an
// empty array, batches with duplicate or missing ids. Also batch writes and the built-in functions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DocsApiHarness, startDocsApi } from './docs-api-harness.js';

let api: DocsApiHarness;
const docs = (rest = '') => api.collectionPath('things', rest);

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { k: value };
  return value;
}

async function expectAbsent(id: string): Promise<void> {
  expect((await api.call('GET', docs(`/${id}`))).status).toBe(404);
}

beforeAll(async () => {
  api = await startDocsApi('docs_bad_input', {
    DOCS_MAX_ARRAY_LENGTH: '100',
    DOCS_MAX_DOCUMENT_LEAVES: '500',
  });
  expect((await api.call('PUT', docs('/existing'), { body: { list: [1, 2], keep: 'me' } })).status).toBe(200);
});
afterAll(async () => {
  await api?.close();
});

describe('bad documents', () => {
  it('invalid JSON', async () => {
    const res = await api.call('PUT', docs('/bad1'), { rawBody: '{"a": 1,' });
    expect(res.status).toBe(400);
    expect(res.body.description).toMatch(/^Request body is not valid JSON/);
    await expectAbsent('bad1');
  });

  it('no body', async () => {
    const res = await api.call('PUT', docs('/bad2'));
    expect(res.status).toBe(400);
    expect(res.body.description).toBe('Request invalid: payload must not be empty.');
  });

  it('deeper than the limit of 64', async () => {
    expect((await api.call('PUT', docs('/deep64'), { body: nested(64) })).status).toBe(200);
    const res = await api.call('PUT', docs('/deep65'), { body: nested(65) });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ description: 'Max depth of 64 exceeded.', code: 400 });
    await expectAbsent('deep65');
    // Also when a partial update makes the document too deep.
    const atPath = await api.call('PUT', docs('/deep64/k'), { body: nested(64) });
    expect(atPath.status).toBe(400);
    expect((await api.call('GET', docs('/deep64'), { query: { raw: 'true' } })).body).toEqual(nested(64));
  });

  it('nested 200,000 levels deep (~400 KB of brackets): 400, not a stack overflow', async () => {
    const depth = 200_000;
    const rawBody = `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    for (const [method, path] of [
      ['POST', docs()],
      ['PUT', docs('/deepest')],
      ['PATCH', docs('/existing')],
      ['PUT', docs('/existing/keep')],
    ] as const) {
      const res = await api.call(method, path, { rawBody });
      expect([method, path, res.status, res.body]).toEqual([
        method,
        path,
        400,
        { description: 'Max depth of 64 exceeded.', code: 400 },
      ]);
    }
    await expectAbsent('deepest');
    expect((await api.call('GET', docs('/existing'), { query: { raw: 'true' } })).body).toEqual({
      list: [1, 2],
      keep: 'me',
    });
  });

  it('an array longer than the limit', async () => {
    const res = await api.call('POST', docs(), { body: { list: Array.from({ length: 101 }, (_, i) => i) } });
    expect(res.status).toBe(400);
    expect(res.body.description).toBe('Max array length of 100 exceeded.');
    const push = await api.call('PUT', docs('/existing/list'), {
      body: Array.from({ length: 101 }, () => 0),
    });
    expect(push.status).toBe(400);
    expect((await api.call('GET', docs('/existing/list'), { query: { raw: 'true' } })).body).toEqual([1, 2]);
  });

  it('more leaves than the limit', async () => {
    const wide = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`f${i}`, i]));
    const res = await api.call('PUT', docs('/wide'), { body: wide });
    expect(res.status).toBe(400);
    expect(res.body.description).toContain('more than 500 leaf values');
    await expectAbsent('wide');
  });

  it('field names that cannot be addressed', async () => {
    for (const name of ['a.b', 'x[0]', "it's", 'back\\slash', '']) {
      const res = await api.call('PUT', docs('/names'), { body: { ok: 1, [name]: 1 } });
      expect(res.status, name).toBe(400);
      expect(res.body.description).toMatch(/field names|empty field names/);
    }
    await expectAbsent('names');
  });

  it('a whole document that is a primitive or empty', async () => {
    for (const body of [5, 'text', {}, []]) {
      const res = await api.call('PUT', docs('/prim'), { body });
      expect(res.status).toBe(400);
      expect(res.body.description).toMatch(/^Updating a key with just/);
    }
    await expectAbsent('prim');
  });

  it('empty or array PATCH bodies', async () => {
    const empty = await api.call('PATCH', docs('/existing'), { body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.description).toBe('A patch operation must be done with a non-empty JSON object.');
    const array = await api.call('PATCH', docs('/existing'), { body: [1] });
    expect(array.status).toBe(400);
    expect(array.body.description).toBe('A patch operation must be done with a JSON object, not an array.');
    expect((await api.call('GET', docs('/existing'), { query: { raw: 'true' } })).body).toEqual({
      list: [1, 2],
      keep: 'me',
    });
  });

  it('names that are not namespaces or collections', async () => {
    const res = await api.call('PUT', '/v2/namespaces/bad-name/collections/things/x', { body: { a: 1 } });
    expect(res.status).toBe(404);
    expect(res.body.description).toBe('Unknown namespace bad-name, you must create it first.');
  });
});

describe('batch', () => {
  it('writes documents with generated ids, or with ids from id-path', async () => {
    const generated = await api.call('POST', docs('/batch'), { body: [{ a: 1 }, { a: 2 }] });
    expect(generated.status).toBe(202);
    expect(generated.body.documentIds).toHaveLength(2);
    const [first] = generated.body.documentIds as string[];
    expect((await api.call('GET', docs(`/${first}`), { query: { raw: 'true' } })).body).toEqual({ a: 1 });

    const byPath = await api.call('POST', docs('/batch'), {
      body: [
        { meta: { id: 'm1' }, v: 1 },
        { meta: { id: 'm2' }, v: 2 },
        { meta: { id: 7 }, v: 3 },
      ],
      query: { 'id-path': 'meta.id' },
    });
    expect(byPath.body).toEqual({ documentIds: ['m1', 'm2', '7'] });
    expect((await api.call('GET', docs('/7/v'), { query: { raw: 'true' } })).body).toBe(3);
  });

  it('refuses duplicate ids, missing ids and non-arrays, writing nothing', async () => {
    const duplicate = await api.call('POST', docs('/batch'), {
      body: [{ id: 'dup-a' }, { id: 'dup-b' }, { id: 'dup-a' }],
      query: { 'id-path': 'id' },
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.description).toBe(
      'Found duplicate ID dup-a in more than one document when doing batched document write.',
    );
    await expectAbsent('dup-a');
    await expectAbsent('dup-b');

    const missing = await api.call('POST', docs('/batch'), {
      body: [{ id: 'ok-1' }, { other: 1 }],
      query: { 'id-path': 'id' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.description).toContain('requires a scalar value at the path id');
    await expectAbsent('ok-1');

    const invalidDoc = await api.call('POST', docs('/batch'), {
      body: [{ id: 'ok-2' }, { id: 'deep', d: nested(70) }],
      query: { 'id-path': 'id' },
    });
    expect(invalidDoc.status).toBe(400);
    await expectAbsent('ok-2');

    const notArray = await api.call('POST', docs('/batch'), { body: { id: 1 } });
    expect(notArray.status).toBe(400);
    expect(notArray.body.description).toBe(
      'The payload for the batched document write must be a JSON array.',
    );
  });
});

describe('built-in functions', () => {
  beforeAll(async () => {
    await api.call('PUT', docs('/f1'), { body: { list: ['a'], obj: { n: 1 }, top: [] } });
  });

  it('$push appends and answers the array; $pop removes the last element and answers it', async () => {
    const push = await api.call('POST', docs('/f1/list/function'), {
      body: { operation: '$push', value: { b: 2 } },
    });
    expect(push.status).toBe(200);
    expect(push.body).toEqual({ documentId: 'f1', data: ['a', { b: 2 }] });
    const pop = await api.call('POST', docs('/f1/list/function'), {
      body: { operation: '$pop' },
      query: { raw: 'true' },
    });
    expect(pop.body).toEqual({ b: 2 });
    expect((await api.call('GET', docs('/f1/list'), { query: { raw: 'true' } })).body).toEqual(['a']);
  });

  it('$set sets several paths at once', async () => {
    const set = await api.call('POST', docs('/f1/function'), {
      body: { operation: '$set', value: { 'obj.m': 2, 'new.deep': true, 'list.[0]': 'z' } },
    });
    expect(set.body).toEqual({ documentId: 'f1', data: {} });
    expect((await api.call('GET', docs('/f1'), { query: { raw: 'true' } })).body).toEqual({
      list: ['z'],
      obj: { n: 1, m: 2 },
      top: [],
      new: { deep: true },
    });
  });

  it('popping an empty array, pushing to what is not an array, unknown functions', async () => {
    const pop = await api.call('POST', docs('/f1/top/function'), { body: { operation: '$pop' } });
    expect(pop.status).toBe(400);
    expect(pop.body.description).toBe('No data available to pop.');
    const push = await api.call('POST', docs('/f1/obj/function'), { body: { operation: '$push', value: 1 } });
    expect(push.status).toBe(400);
    expect(push.body.description).toBe('The path provided to push to has no array, found {"n":1,"m":2}.');
    const unknown = await api.call('POST', docs('/f1/function'), { body: { operation: '$inc', value: 1 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.description).toContain('$inc');
    const missing = await api.call('POST', docs('/nobody/list/function'), { body: { operation: '$pop' } });
    expect(missing.status).toBe(404);
    expect(missing.body.description).toBe(
      'A path [list] in a document with the id nobody, or the document itself, does not exist.',
    );
  });
});

describe('methods a path does not serve', () => {
  it('POST on a document path not ending in /function is 405 with Allow, whatever its body', async () => {
    for (const body of [{ operation: '$pop' }, 'not an object']) {
      const res = await api.call('POST', docs('/existing/list'), { body });
      expect(res.status).toBe(405);
      expect(res.body).toEqual({
        description: `Method POST is not allowed on ${docs('/existing/list')}`,
        code: 405,
      });
      expect(res.headers.allow).toBe('DELETE, GET, HEAD, PATCH, PUT');
    }
  });

  it('bodies are taken as sent: a collection name that is not a string, or an unknown property, is refused', async () => {
    const path = `/v2/namespaces/${api.namespace}/collections`;
    const number = await api.call('POST', path, { body: { name: 0 } });
    expect(number.status).toBe(400);
    expect(number.body.description).toContain('body/name must be string');
    const extra = await api.call('POST', path, { body: { name: 'extra_prop', unknown: 1 } });
    expect(extra.status).toBe(400);
    expect(extra.body.description).toContain('must NOT have additional properties');
  });
});
