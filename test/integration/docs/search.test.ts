// Searching a collection of 120+ documents: every operator and combination, globs, alternatives
// and escapes, paging, fields, sort, count, in-document search and the errors of bad searches.
// Expected results are computed from the documents in plain JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DocsApiHarness, startDocsApi } from './docs-api-harness.js';

interface Doc {
  id: string;
  n: number;
  group: string;
  even: boolean;
  name: string;
  tags: string[];
  nested: { level: { value: number } };
  items: Array<{ kind: string; price: number }>;
  maybe: string | null;
  optional?: number;
}

const COUNT = 120;
const dataset: Doc[] = Array.from({ length: COUNT }, (_, i) => ({
  id: `d${String(i).padStart(3, '0')}`,
  n: i,
  group: ['a', 'b', 'c'][i % 3]!,
  even: i % 2 === 0,
  name: `name-${String(i).padStart(3, '0')}`,
  tags: i % 5 === 0 ? ['five', 'x'] : ['x'],
  nested: { level: { value: i % 10 } },
  items: [
    { kind: `k${i % 4}`, price: i },
    { kind: 'z', price: 1000 + i },
  ],
  maybe: i % 7 === 0 ? null : 'v',
  ...(i % 10 === 0 ? { optional: i } : {}),
}));
const idsWhere = (p: (d: Doc) => boolean) =>
  dataset
    .filter(p)
    .map((d) => d.id)
    .sort();

let api: DocsApiHarness;
const coll = (rest = '') => api.collectionPath('things', rest);

/** Follows pageState to the end; returns every id (sorted) and checks none repeats. */
async function searchAll(where: unknown, pageSize = 20): Promise<string[]> {
  const ids: string[] = [];
  let pageState: string | undefined;
  for (let page = 0; page < 100; page++) {
    const query: Record<string, string> = { where: JSON.stringify(where), 'page-size': String(pageSize) };
    if (pageState) query['page-state'] = pageState;
    const res = await api.call('GET', coll(), { query });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    ids.push(...Object.keys(res.body.data));
    pageState = res.body.pageState;
    if (!pageState) break;
  }
  expect(new Set(ids).size).toBe(ids.length);
  return ids.filter((id) => id.startsWith('d')).sort();
}

beforeAll(async () => {
  api = await startDocsApi('docs_search');
  const batch = await api.call('POST', coll('/batch'), { body: dataset, query: { 'id-path': 'id' } });
  expect(batch.status, JSON.stringify(batch.body)).toBe(202);
  expect(batch.body.documentIds).toHaveLength(COUNT);
  await api.call('PUT', coll('/escaped'), { body: { 'a\\.b': 1, 'c\\,d': 'x', 'star\\*': true } });
  await api.call('PUT', coll('/long'), { body: { text: `${'é'.repeat(600)}-tail`, n: -1 } });
});
afterAll(async () => {
  await api?.close();
});

describe('operators', () => {
  it('$eq on numbers, strings and booleans', async () => {
    expect(await searchAll({ n: { $eq: 42 } })).toEqual(['d042']);
    expect(await searchAll({ group: { $eq: 'b' } })).toEqual(idsWhere((d) => d.group === 'b'));
    expect(await searchAll({ even: { $eq: false } })).toEqual(idsWhere((d) => !d.even));
  });

  it('$ne (documents without the field match too)', async () => {
    expect(await searchAll({ group: { $ne: 'a' } })).toEqual(idsWhere((d) => d.group !== 'a'));
    expect(await searchAll({ optional: { $ne: 0 } })).toEqual(idsWhere((d) => d.optional !== 0));
  });

  it('$lt $lte $gt $gte on numbers and strings', async () => {
    expect(await searchAll({ n: { $lt: 5 } })).toEqual(idsWhere((d) => d.n < 5));
    expect(await searchAll({ n: { $lte: 5 } })).toEqual(idsWhere((d) => d.n <= 5));
    expect(await searchAll({ n: { $gt: 114 } })).toEqual(idsWhere((d) => d.n > 114));
    expect(await searchAll({ n: { $gte: 100, $lt: 103 } })).toEqual(['d100', 'd101', 'd102']);
    expect(await searchAll({ name: { $gt: 'name-115' } })).toEqual(idsWhere((d) => d.name > 'name-115'));
    expect(await searchAll({ name: { $lte: 'name-002' } })).toEqual(idsWhere((d) => d.name <= 'name-002'));
  });

  it('$exists true and false', async () => {
    expect(await searchAll({ optional: { $exists: true } })).toEqual(
      idsWhere((d) => d.optional !== undefined),
    );
    expect(await searchAll({ optional: { $exists: false } })).toEqual(
      idsWhere((d) => d.optional === undefined),
    );
  });

  it('$in and $nin, with null', async () => {
    expect(await searchAll({ n: { $in: [1, 2, 300] } })).toEqual(['d001', 'd002']);
    expect(await searchAll({ group: { $in: ['a', 'c'] } })).toEqual(idsWhere((d) => d.group !== 'b'));
    expect(await searchAll({ maybe: { $in: [null] } })).toEqual(idsWhere((d) => d.maybe === null));
    expect(await searchAll({ group: { $nin: ['a', 'b'] } })).toEqual(idsWhere((d) => d.group === 'c'));
  });

  it('$and, $or, $not and several fields', async () => {
    expect(await searchAll({ group: { $eq: 'a' }, even: { $eq: true } })).toEqual(
      idsWhere((d) => d.group === 'a' && d.even),
    );
    expect(await searchAll({ $and: [{ n: { $gte: 10 } }, { n: { $lt: 13 } }] })).toEqual([
      'd010',
      'd011',
      'd012',
    ]);
    expect(
      await searchAll({ $or: [{ n: { $eq: 3 } }, { name: { $eq: 'name-007' } }, { n: { $gt: 117 } }] }),
    ).toEqual(['d003', 'd007', 'd118', 'd119']);
    // A document matching several operands is returned once.
    expect(await searchAll({ $or: [{ n: { $lt: 4 } }, { group: { $eq: 'a' } }] })).toEqual(
      idsWhere((d) => d.n < 4 || d.group === 'a'),
    );
    expect(await searchAll({ $not: { n: { $lt: 115 } } })).toEqual(idsWhere((d) => d.n >= 115));
    expect(await searchAll({ group: { $eq: 'c' }, $not: { even: { $eq: true } }, n: { $lt: 20 } })).toEqual(
      idsWhere((d) => d.group === 'c' && !d.even && d.n < 20),
    );
  });

  it('$selectivity picks the index that drives the search', async () => {
    const res = await api.call('GET', coll(), {
      query: {
        where: JSON.stringify({ group: { $eq: 'a', $selectivity: 0.9 }, n: { $lt: 6, $selectivity: 0.1 } }),
        'page-size': '20',
        profile: 'true',
      },
    });
    expect(Object.keys(res.body.data).sort()).toEqual(['d000', 'd003']);
    const steps = res.body.profile.nested.map((s: { description: string }) => s.description);
    expect(steps).toEqual(["SEARCH: p = 'n' AND dbl < 6"]);
  });
});

describe('paths', () => {
  it('dotted paths and array indexes', async () => {
    expect(await searchAll({ 'nested.level.value': { $eq: 7 } })).toEqual(
      idsWhere((d) => d.nested.level.value === 7),
    );
    expect(await searchAll({ 'items.[0].kind': { $eq: 'k3' } })).toEqual(
      idsWhere((d) => d.items[0]!.kind === 'k3'),
    );
  });

  it('the globs * and [*]', async () => {
    expect(await searchAll({ 'items.[*].price': { $gte: 1115 } })).toEqual(idsWhere((d) => d.n >= 115));
    expect(await searchAll({ 'tags.[*]': { $eq: 'five' } })).toEqual(
      idsWhere((d) => d.tags.includes('five')),
    );
    expect(await searchAll({ '*.level.value': { $eq: 9 } })).toEqual(
      idsWhere((d) => d.nested.level.value === 9),
    );
    expect(await searchAll({ 'items.*.kind': { $eq: 'k2' } })).toEqual(
      idsWhere((d) => d.items[0]!.kind === 'k2'),
    );
  });

  it('comma alternatives', async () => {
    expect(await searchAll({ 'items.[0],[1].price': { $in: [3, 1004] } })).toEqual(['d003', 'd004']);
    expect(await searchAll({ 'group,name': { $eq: 'name-010' } })).toEqual(['d010']);
  });

  it('escaped periods, commas and stars in field names', async () => {
    const ids = async (where: unknown) =>
      Object.keys((await api.call('GET', coll(), { query: { where: JSON.stringify(where) } })).body.data);
    expect(await ids({ 'a\\.b': { $eq: 1 } })).toEqual(['escaped']);
    expect(await ids({ 'c\\,d': { $eq: 'x' } })).toEqual(['escaped']);
    expect(await ids({ 'star\\*': { $eq: true } })).toEqual(['escaped']);
  });

  it('strings longer than the indexed prefix compare in full', async () => {
    const long = `${'é'.repeat(600)}-tail`;
    const ids = async (where: unknown) =>
      Object.keys((await api.call('GET', coll(), { query: { where: JSON.stringify(where) } })).body.data);
    expect(await ids({ text: { $eq: long } })).toEqual(['long']);
    expect(await ids({ text: { $eq: `${'é'.repeat(600)}-other` } })).toEqual([]);
    expect(await ids({ text: { $gt: `${'é'.repeat(600)}-s` } })).toEqual(['long']);
  });
});

describe('paging, fields, sort, count', () => {
  it('pages through every document with and without where', async () => {
    const all: string[] = [];
    let pageState: string | undefined;
    let pages = 0;
    do {
      const res = await api.call('GET', coll(), {
        query: pageState ? { 'page-size': '20', 'page-state': pageState } : { 'page-size': '20' },
      });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.data).length).toBeLessThanOrEqual(20);
      all.push(...Object.keys(res.body.data));
      pageState = res.body.pageState;
      pages++;
    } while (pageState);
    expect(pages).toBeGreaterThanOrEqual(7);
    expect(new Set(all).size).toBe(COUNT + 2);
    expect(await searchAll({ group: { $eq: 'a' } }, 7)).toEqual(idsWhere((d) => d.group === 'a'));
    expect(await searchAll({ group: { $ne: 'a' } }, 9)).toEqual(idsWhere((d) => d.group !== 'a'));
  });

  it('answers three documents by default, an empty data object when nothing matches', async () => {
    const res = await api.call('GET', coll());
    expect(Object.keys(res.body.data)).toHaveLength(3);
    expect(res.body.pageState).toEqual(expect.any(String));
    const none = await api.call('GET', coll(), { query: { where: '{"n":{"$gt":5000}}' } });
    expect(none.body).toEqual({ data: {} });
  });

  it('pages an index search that needs no check with a pageState only while more documents match', async () => {
    const where = JSON.stringify({ group: { $eq: 'a' } });
    const expected = idsWhere((d) => d.group === 'a');
    expect(expected).toHaveLength(40);
    for (const [size, pages] of [
      [20, [20, 20]],
      [13, [13, 13, 13, 1]],
      [10, [10, 10, 10, 10]],
    ] as const) {
      const seen: string[] = [];
      const sizes: number[] = [];
      let pageState: string | undefined;
      for (let page = 0; page < 10; page++) {
        const query: Record<string, string> = { where, 'page-size': String(size) };
        if (pageState) query['page-state'] = pageState;
        const res = await api.call('GET', coll(), { query });
        expect(res.status).toBe(200);
        seen.push(...Object.keys(res.body.data));
        sizes.push(Object.keys(res.body.data).length);
        pageState = res.body.pageState;
        if (!pageState) break;
      }
      expect(sizes).toEqual(pages);
      expect(seen.sort()).toEqual(expected);
    }
    // The first page reads the page and one row more (to know a next page exists), not more.
    const profiled = await api.call('GET', coll(), { query: { where, 'page-size': '5', profile: 'true' } });
    expect(profiled.body.profile.nested[0].queries[0].rowCount).toBe(6);
  });

  it('answers whole documents as written, ids ordered as a JSON object orders them', async () => {
    const stored = (rest = '') => api.collectionPath('stored_text', rest);
    const written: Record<string, string> = {
      b: String.raw`{"k":"same","big":12345678901234567890,"t":"caf\u00e9 \"q\"","1":true}`,
      '10': '{"k":"same","n":1e21,"list":[1,{"x":null},[]],"o":{}}',
      '2': '{"k":"same","neg":-0,"tiny":0.1}',
    };
    for (const [id, text] of Object.entries(written)) {
      expect((await api.call('PUT', stored(`/${id}`), { rawBody: text })).status).toBe(200);
    }
    const accepted = (id: string) => JSON.stringify(JSON.parse(written[id]!));
    const where = '{"k":{"$eq":"same"}}';
    const raw = await api.call('GET', stored(), { query: { where, 'page-size': '20', raw: 'true' } });
    expect(raw.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(raw.text).toBe(`{"2":${accepted('2')},"10":${accepted('10')},"b":${accepted('b')}}`);
    const wrapped = await api.call('GET', stored(), { query: { where, 'page-size': '20', profile: 'true' } });
    expect(wrapped.text.startsWith(`{"data":${raw.text},"profile":{"description":"root"`)).toBe(true);
    const paged = await api.call('GET', stored(), { query: { where, 'page-size': '2' } });
    expect(Object.keys(paged.body)).toEqual(['pageState', 'data']);
    expect(Object.keys(paged.body.data)).toHaveLength(2);
  });

  it('returns only the requested fields', async () => {
    const res = await api.call('GET', coll(), {
      query: { where: '{"n":{"$eq":5}}', fields: '["name","items.[1].price"]', raw: 'true' },
    });
    expect(res.body).toEqual({ d005: { name: 'name-005', items: [null, { price: 1005 }] } });
  });

  it('sorts on a field, across pages (beyond Stargate)', async () => {
    const first = await api.call('GET', coll(), {
      query: { where: '{"group":{"$eq":"b"}}', sort: '{"n":-1}', 'page-size': '4' },
    });
    expect(Object.keys(first.body.data)).toEqual(['d118', 'd115', 'd112', 'd109']);
    const second = await api.call('GET', coll(), {
      query: {
        where: '{"group":{"$eq":"b"}}',
        sort: '{"n":-1}',
        'page-size': '4',
        'page-state': first.body.pageState,
      },
    });
    expect(Object.keys(second.body.data)).toEqual(['d106', 'd103', 'd100', 'd097']);
    const byTwoKeys = await api.call('GET', coll(), {
      query: { where: '{"n":{"$lt":6}}', sort: '{"even":1,"n":-1}', raw: 'true', 'page-size': '7' },
    });
    // "long" has no `even`: missing values sort first.
    expect(Object.keys(byTwoKeys.body)).toEqual(['long', 'd005', 'd003', 'd001', 'd004', 'd002', 'd000']);
  });

  it('stops a page at the row budget and resumes; refuses a sort over more documents than its limit', async () => {
    const limited = await startDocsApi('docs_limits', {
      DOCS_MAX_SORT_DOCUMENTS: '10',
      DOCS_SEARCH_MAX_ROWS_PER_REQUEST: '100',
    });
    try {
      const path = `/v2/namespaces/${api.namespace}/collections/things`;
      // Not indexable ($nin): a scan of all 122 documents, at most 100 rows per request.
      const where = JSON.stringify({ n: { $nin: Array.from({ length: 118 }, (_, i) => i) } });
      const first = await limited.call('GET', path, { query: { where, 'page-size': '20' } });
      expect(first.status).toBe(200);
      expect(first.body.pageState).toEqual(expect.any(String));
      const second = await limited.call('GET', path, {
        query: { where, 'page-size': '20', 'page-state': first.body.pageState },
      });
      expect(second.body.pageState).toBeUndefined();
      const found = [...Object.keys(first.body.data), ...Object.keys(second.body.data)].sort();
      expect(found).toEqual(['d118', 'd119', 'escaped', 'long']);

      const sorted = await limited.call('GET', path, { query: { sort: '{"n":1}' } });
      expect(sorted.status).toBe(400);
      expect(sorted.body.description).toContain('limited to 10');
    } finally {
      await limited.close();
    }
  });

  it('counts matching documents (beyond Stargate)', async () => {
    const count = async (where?: unknown) =>
      (
        await api.call('GET', coll(), {
          query: where === undefined ? { count: 'true' } : { count: 'true', where: JSON.stringify(where) },
        })
      ).body;
    expect(await count({ group: { $eq: 'a' } })).toEqual({ count: 40 });
    expect(await count({ n: { $gte: 100 } })).toEqual({ count: 20 });
    expect(await count({ group: { $ne: 'a' } })).toEqual({ count: 80 + 2 });
    expect(await count({ 'tags.[*]': { $eq: 'x' } })).toEqual({ count: COUNT });
    expect(await count()).toEqual({ count: COUNT + 2 });
  });
});

describe('in-document search', () => {
  it('answers the matching sub-documents of one document', async () => {
    const res = await api.call('GET', coll('/d010'), { query: { where: '{"items.[*].price":{"$gt":500}}' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ documentId: 'd010', data: [{ items: { '[1]': { price: 1010 } } }] });
    const withFields = await api.call('GET', coll('/d010/items'), {
      query: { where: '{"[*].price":{"$lt":500}}', fields: '["price","kind"]', raw: 'true' },
    });
    expect(withFields.body).toEqual([{ items: { '[0]': { kind: 'k2', price: 10 } } }]);
    const paged = await api.call('GET', coll('/d010/items'), {
      query: { where: '{"[*].kind":{"$exists":true}}', 'page-size': '1' },
    });
    expect(paged.body.data).toEqual([{ items: { '[0]': { kind: 'k2' } } }]);
    const next = await api.call('GET', coll('/d010/items'), {
      query: { where: '{"[*].kind":{"$exists":true}}', 'page-size': '1', 'page-state': paged.body.pageState },
    });
    expect(next.body.data).toEqual([{ items: { '[1]': { kind: 'z' } } }]);
    expect(next.body.pageState).toBeUndefined();
  });

  it('answers 204 when nothing matches, 400 for conditions on several fields', async () => {
    expect((await api.call('GET', coll('/d010'), { query: { where: '{"n":{"$gt":500}}' } })).status).toBe(
      204,
    );
    const several = await api.call('GET', coll('/d010'), {
      query: { where: '{"n":{"$gt":1},"group":{"$eq":"a"}}' },
    });
    expect(several.status).toBe(400);
    expect(several.body.description).toBe(
      'Conditions across multiple fields are not yet supported. Found: 2.',
    );
    const notReferenced = await api.call('GET', coll('/d010'), {
      query: { where: '{"n":{"$gt":1}}', fields: '["group"]' },
    });
    expect(notReferenced.status).toBe(400);
    expect(notReferenced.body.description).toBe(
      'When selecting `fields`, the field referenced by `where` must be in the selection.',
    );
  });
});

describe('bad searches', () => {
  const bad = async (query: Record<string, string>) => {
    const res = await api.call('GET', coll(), { query });
    expect(res.status).toBe(400);
    return res.body.description as string;
  };

  it('invalid where and fields', async () => {
    expect(await bad({ where: '{"n":' })).toBe(
      'The `where` parameter expects a valid JSON object representing search criteria.',
    );
    expect(await bad({ where: '[1]' })).toBe('Search was expecting a JSON object as input.');
    expect(await bad({ where: '{"n":{"$regex":"x"}}' })).toBe("Operation '$regex' is not supported.");
    expect(await bad({ where: '{"n":{"$in":[{"a":1}]}}' })).toBe(
      'Operation $in was not expecting a list containing a OBJECT node type.',
    );
    expect(await bad({ where: '{"n":{"$gt":[1]}}' })).toBe(
      "Operation '$gt' does not support the provided value [1].",
    );
    expect(await bad({ where: '{"n":{"$exists":1}}' })).toBe(
      "Operation '$exists' does not support the provided value 1.",
    );
    expect(await bad({ where: '{"$or":{"n":{"$eq":1}}}' })).toBe(
      'The $or requires an array json node as value.',
    );
    expect(await bad({ where: '{"n":{"$gt":1,"$eq":"x"}}' })).toBe(
      "Filter conditions for field 'n' imply incompatible types: Number, String",
    );
    expect(await bad({ where: '{"a.[x]":{"$eq":1}}' })).toBe('Array path [x] is not valid.');
    expect(await bad({ fields: '["a"' })).toBe(
      'The `fields` parameter expects a valid JSON array containing field names.',
    );
    expect(await bad({ fields: '{"a":1}' })).toBe('`fields` must be a JSON array, found {"a":1}');
    expect(await bad({ sort: '{"n":2}' })).toContain('not 1 or -1');
  });

  it('page sizes out of range', async () => {
    expect(await bad({ 'page-size': '21' })).toBe('The parameter `page-size` is limited to 20.');
    expect(await bad({ 'page-size': '0' })).toBe(
      'Request invalid: the minimum number of documents to return is one.',
    );
  });

  it('forged or stale page states', async () => {
    const first = await api.call('GET', coll(), { query: { where: '{"group":{"$eq":"a"}}' } });
    const state = first.body.pageState as string;
    const message =
      'The `page-state` is invalid: it was not issued for this search (same collection, where, fields and sort) or it was modified.';
    expect(await bad({ 'page-state': 'not-a-state' })).toBe(message);
    // A state of another search.
    expect(await bad({ where: '{"group":{"$eq":"b"}}', 'page-state': state })).toBe(message);
    // The Cassandra paging state inside, tampered with: the bridge's signature no longer matches.
    const decoded = JSON.parse(Buffer.from(state, 'base64url').toString('utf8'));
    const cassandraState = Buffer.from(decoded.pagingState ?? 'AAAA', 'base64');
    cassandraState[0] = (cassandraState[0]! + 1) % 256;
    const forged = Buffer.from(
      JSON.stringify({ ...decoded, pagingState: cassandraState.toString('base64'), skip: 0 }),
    ).toString('base64url');
    expect(await bad({ where: '{"group":{"$eq":"a"}}', 'page-state': forged })).toBe(message);
  });
});
