// Writing, reading, replacing, patching and deleting documents at the root and at depth, through
// the Document API, a real bridge and Cassandra.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DocsApiHarness, startDocsApi } from './docs-api-harness.js';

let api: DocsApiHarness;
const docs = (rest = '') => api.collectionPath('library', rest);

const book = {
  title: 'The Left Hand of Darkness',
  author: { name: 'Ursula K. Le Guin', born: 1929 },
  tags: ['scifi', 'classic'],
  reviews: [
    { user: 'ann', stars: 5 },
    { user: 'bob', stars: 4 },
  ],
  available: true,
  note: null,
};

beforeAll(async () => {
  api = await startDocsApi('docs_crud');
});
afterAll(async () => {
  await api?.close();
});

describe('create and read', () => {
  it('creates a document with a generated id (creating the collection) and reads it back', async () => {
    const created = await api.call('POST', docs(), { body: book });
    expect(created.status).toBe(201);
    const id = created.body.documentId as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers.location).toMatch(
      new RegExp(`/v2/namespaces/${api.namespace}/collections/library/${id}$`),
    );

    const read = await api.call('GET', docs(`/${id}`));
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ documentId: id, data: book });

    const raw = await api.call('GET', docs(`/${id}`), { query: { raw: 'true' } });
    expect(raw.body).toEqual(book);
  });

  it('reads values at a path, at depth and in arrays', async () => {
    await api.call('PUT', docs('/b1'), { body: book });
    expect((await api.call('GET', docs('/b1/author/name'))).body).toEqual({
      documentId: 'b1',
      data: 'Ursula K. Le Guin',
    });
    expect((await api.call('GET', docs('/b1/reviews/[1]'))).body.data).toEqual({ user: 'bob', stars: 4 });
    expect((await api.call('GET', docs('/b1/reviews/[1]/stars'), { query: { raw: 'true' } })).body).toBe(4);
    expect((await api.call('GET', docs('/b1/note'), { query: { raw: 'true' } })).body).toBeNull();
  });

  it('keeps only the requested fields', async () => {
    const read = await api.call('GET', docs('/b1'), { query: { fields: '["title","reviews.[*].stars"]' } });
    expect(read.body.data).toEqual({ title: book.title, reviews: [{ stars: 5 }, { stars: 4 }] });
  });

  it('answers 404 with Stargate messages for a missing document or path', async () => {
    const missing = await api.call('GET', docs('/nope'));
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ description: 'A document with the id nope does not exist.', code: 404 });
    const missingPath = await api.call('GET', docs('/b1/author/died'));
    expect(missingPath.status).toBe(404);
    expect(missingPath.body.description).toBe(
      'A path [author, died] in a document with the id b1, or the document itself, does not exist.',
    );
    const noCollection = await api.call('GET', api.collectionPath('nothing_here', '/x'));
    expect(noCollection.status).toBe(404);
    expect(noCollection.body.description).toBe("Collection 'nothing_here' not found.");
    const noNamespace = await api.call('GET', '/v2/namespaces/no_such_ns_x1/collections/library/x');
    expect(noNamespace.status).toBe(404);
    expect(noNamespace.body.description).toBe('Unknown namespace no_such_ns_x1, you must create it first.');
  });

  it('adds the execution profile on request', async () => {
    const read = await api.call('GET', docs('/b1'), { query: { profile: 'true' } });
    expect(read.body.profile.description).toBe('root');
    const queries = read.body.profile.nested.flatMap((n: { queries: unknown[] }) => n.queries);
    expect(queries).toEqual([
      expect.objectContaining({
        cql: expect.stringContaining('SELECT DISTINCT'),
        executionCount: 1,
        rowCount: 1,
      }),
    ]);
  });

  it('needs a token', async () => {
    const res = await api.call('GET', docs('/b1'), { token: null });
    expect(res.status).toBe(401);
    expect(res.body.description).toContain('X-Cassandra-Token');
  });
});

describe('a read by id answers the stored document as written', () => {
  // Numbers beyond double precision, exponents, -0, integer-like keys (which JSON objects order
  // first), escapes and non-ASCII text: what a client reads is JSON.stringify of what was accepted.
  const written = String.raw`{"name":"x","big":12345678901234567890,"unsafe":9007199254740993,"tiny":0.1,"exp":1e21,"neg":-0,"10":"ten","2":"two","text":"caf\u00e9 \u2028 \"q\" \\ \ud83d\ude00 \ud800","nested":{"list":[1,{"deep":null},[]],"empty":{}}}`;
  const accepted = JSON.stringify(JSON.parse(written));

  it('answers the whole document byte for byte, wrapped or raw', async () => {
    expect((await api.call('PUT', docs('/exact'), { rawBody: written })).status).toBe(200);
    const read = await api.call('GET', docs('/exact'));
    expect(read.status).toBe(200);
    expect(read.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(read.text).toBe(`{"documentId":"exact","data":${accepted}}`);
    expect(read.text).toContain('"big":12345678901234567000');
    expect(read.text.indexOf('"2":"two"')).toBeLessThan(read.text.indexOf('"10":"ten"'));

    const raw = await api.call('GET', docs('/exact'), { query: { raw: 'true' } });
    expect(raw.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(raw.text).toBe(accepted);
  });

  it('answers the same values at a path and with fields as in the whole document', async () => {
    const big = await api.call('GET', docs('/exact/big'), { query: { raw: 'true' } });
    expect(big.text).toBe('12345678901234567000');
    const nested = await api.call('GET', docs('/exact/nested'));
    expect(nested.text).toBe(`{"documentId":"exact","data":${JSON.stringify(JSON.parse(accepted).nested)}}`);
    const some = await api.call('GET', docs('/exact'), { query: { fields: '["big","text"]', raw: 'true' } });
    expect(some.body).toEqual({ big: 12345678901234567000, text: JSON.parse(written).text });
    const none = await api.call('GET', docs('/exact'), { query: { fields: '[]', raw: 'true' } });
    expect(none.body).toEqual({});
  });

  it('adds the profile after the document, and raw=true leaves it out', async () => {
    const read = await api.call('GET', docs('/exact'), { query: { profile: 'true' } });
    expect(read.text.startsWith(`{"documentId":"exact","data":${accepted},"profile":{`)).toBe(true);
    expect(read.body.profile.nested[0].description).toBe('LoadDocument');
    const raw = await api.call('GET', docs('/exact'), { query: { profile: 'true', raw: 'true' } });
    expect(raw.text).toBe(accepted);
  });

  it('answers a document id with quotes and non-ASCII characters as valid JSON', async () => {
    const id = 'q"uo\te ü';
    const path = docs(`/${encodeURIComponent(id)}`);
    expect((await api.call('PUT', path, { body: { ok: true } })).status).toBe(200);
    const read = await api.call('GET', path);
    expect(read.body).toEqual({ documentId: id, data: { ok: true } });
  });
});

describe('replace, patch, delete', () => {
  it('replaces a whole document with PUT (no trace of the old one)', async () => {
    await api.call('PUT', docs('/r1'), { body: { a: 1, b: { c: [1, 2, 3] } } });
    const put = await api.call('PUT', docs('/r1'), { body: { z: 'only' } });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ documentId: 'r1' });
    expect((await api.call('GET', docs('/r1'), { query: { raw: 'true' } })).body).toEqual({ z: 'only' });
  });

  it('replaces the value at a path, creating the path when needed', async () => {
    await api.call('PUT', docs('/r2'), { body: { a: { b: 1, keep: true }, list: [1, 2] } });
    expect((await api.call('PUT', docs('/r2/a/b'), { body: { deep: [true] } })).status).toBe(200);
    expect((await api.call('PUT', docs('/r2/list/[3]'), { body: 'x' })).status).toBe(200);
    expect((await api.call('PUT', docs('/r2/new/path'), { body: 5 })).status).toBe(200);
    expect((await api.call('GET', docs('/r2'), { query: { raw: 'true' } })).body).toEqual({
      a: { b: { deep: [true] }, keep: true },
      list: [1, 2, null, 'x'],
      new: { path: 5 },
    });
  });

  it('merges with PATCH at the root and at a path', async () => {
    await api.call('PUT', docs('/p1'), { body: { a: 1, o: { x: 1, y: 2 } } });
    expect((await api.call('PATCH', docs('/p1'), { body: { b: 2, a: 'one' } })).body).toEqual({
      documentId: 'p1',
    });
    expect((await api.call('PATCH', docs('/p1/o'), { body: { y: 20, z: [] } })).status).toBe(200);
    expect((await api.call('GET', docs('/p1'), { query: { raw: 'true' } })).body).toEqual({
      a: 'one',
      o: { x: 1, y: 20, z: [] },
      b: 2,
    });
    // PATCH creates a missing document.
    expect((await api.call('PATCH', docs('/p2'), { body: { fresh: true } })).status).toBe(200);
    expect((await api.call('GET', docs('/p2'), { query: { raw: 'true' } })).body).toEqual({ fresh: true });
  });

  it('deletes a path, then the document', async () => {
    await api.call('PUT', docs('/d1'), { body: { a: { b: 1, c: 2 }, arr: [1, 2, 3] } });
    expect((await api.call('DELETE', docs('/d1/a/b'))).status).toBe(204);
    expect((await api.call('DELETE', docs('/d1/arr/[0]'))).status).toBe(204);
    expect((await api.call('DELETE', docs('/d1/arr/[2]'))).status).toBe(204);
    expect((await api.call('GET', docs('/d1'), { query: { raw: 'true' } })).body).toEqual({
      a: { c: 2 },
      arr: [null, 2],
    });
    expect((await api.call('DELETE', docs('/d1'))).status).toBe(204);
    expect((await api.call('GET', docs('/d1'))).status).toBe(404);
    // Deleting what is not there is not an error.
    expect((await api.call('DELETE', docs('/d1'))).status).toBe(204);
  });

  it('accepts ids with characters that need URL encoding', async () => {
    const id = 'a b/c?d';
    const path = docs(`/${encodeURIComponent(id)}`);
    expect((await api.call('PUT', path, { body: { ok: 1 } })).status).toBe(200);
    expect((await api.call('GET', path)).body).toEqual({ documentId: id, data: { ok: 1 } });
  });

  it('stores escaped field names with the escapes resolved', async () => {
    await api.call('PUT', docs('/e1'), { body: { 'a\\.b': 1, 'c\\,d': 2 } });
    expect((await api.call('GET', docs('/e1'), { query: { raw: 'true' } })).body).toEqual({
      'a.b': 1,
      'c,d': 2,
    });
  });
});

describe('atomic replacement', () => {
  it('leaves no index entries of the replaced document behind', async () => {
    await api.call('PUT', docs('/x1'), { body: { color: 'red', size: 1 } });
    await api.call('PUT', docs('/x1'), { body: { color: 'blue' } });
    const byOld = await api.call('GET', docs(), { query: { where: '{"color":{"$eq":"red"}}' } });
    expect(byOld.body.data).toEqual({});
    const bySize = await api.call('GET', docs(), { query: { where: '{"size":{"$eq":1}}' } });
    expect(bySize.body.data).toEqual({});
    const byNew = await api.call('GET', docs(), {
      query: { where: '{"color":{"$eq":"blue"}}', raw: 'true' },
    });
    expect(byNew.body).toEqual({ x1: { color: 'blue' } });
  });

  it('readers see the old or the new document, never a mix', async () => {
    const versions = [
      { v: 'a', list: [1, 2, 3], a: { deep: true } },
      { v: 'b', list: ['x'], b: 'only in b' },
    ];
    await api.call('PUT', docs('/flip'), { body: versions[0] });
    let writing = true;
    const writer = (async () => {
      for (let i = 1; i <= 30; i++) await api.call('PUT', docs('/flip'), { body: versions[i % 2] });
      writing = false;
    })();
    const seen = new Set<string>();
    while (writing) {
      const res = await api.call('GET', docs('/flip'), { query: { raw: 'true' } });
      expect(versions).toContainEqual(res.body);
      seen.add(res.body.v);
      const search = await api.call('GET', docs(), {
        query: { where: '{"v":{"$exists":true}}', raw: 'true' },
      });
      expect(versions).toContainEqual(search.body.flip);
    }
    await writer;
    expect(seen.size).toBeGreaterThan(0);
  });
});

describe('time to live', () => {
  it('expires a document written with ttl, and partial updates keep its ttl', async () => {
    expect((await api.call('PUT', docs('/t1'), { body: { v: 1 }, query: { ttl: '2' } })).status).toBe(200);
    expect((await api.call('PATCH', docs('/t1'), { body: { w: 2 } })).status).toBe(200);
    expect((await api.call('GET', docs('/t1'), { query: { raw: 'true' } })).body).toEqual({ v: 1, w: 2 });
    await new Promise((r) => setTimeout(r, 3000));
    expect((await api.call('GET', docs('/t1'))).status).toBe(404);
  });

  it('refuses a ttl that is not a positive integer', async () => {
    for (const ttl of ['0', '-1', 'abc']) {
      const res = await api.call('PUT', docs('/t2'), { body: { v: 1 }, query: { ttl } });
      expect(res.status).toBe(400);
      expect(res.body.description).toBe('TTL on a full document must be a positive integer');
    }
    expect((await api.call('GET', docs('/t2'))).status).toBe(404);
  });
});
