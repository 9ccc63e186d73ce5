// Vector search through REST against Cassandra 5.0 SAI (issue 21): 10,000 rows with three
// vector<float, 64> columns, one SAI index per similarity function, made through the index route;
// ANN reads (sort={"col":{"$vector":[…]}}) on /rows, on a where search and on a primary-key read
// return the exact top 10 (computed here) with recall ≥ 0.9, with the scores Cassandra computes;
// and every bad input is a 400 that names the problem.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EmbeddingSpace,
  exactTopK,
  recall,
  type Similarity,
  similarity,
} from '../../support/embedding-vectors.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { type RestApi, startRestApi } from './support/rest-api.js';

const ROWS = 10_000;
const GROUPS = 10;
const DIMENSION = 64;
const QUERIES = 10;
const K = 10;
/** Rows per bulk request; the API writes 2 of them at a time (see beforeAll). */
const BULK_ROWS = 250;

const ks = uniqueKeyspaceName('vrest_vector');
const rowsPath = `/v2/keyspaces/${ks}/items`;

/** Each vector column, its index's function and its score field's function name. */
const COLUMNS: Array<{ column: string; fn: Similarity; score: string }> = [
  { column: 'v_cos', fn: 'COSINE', score: 'similarity_cosine' },
  { column: 'v_dot', fn: 'DOT_PRODUCT', score: 'similarity_dot_product' },
  { column: 'v_euc', fn: 'EUCLIDEAN', score: 'similarity_euclidean' },
];

interface Item {
  grp: number;
  id: number;
  v_cos: number[];
  v_dot: number[];
  v_euc: number[];
}

const space = new EmbeddingSpace(21, DIMENSION);
const items: Item[] = Array.from({ length: ROWS }, (_, id) => ({
  grp: id % GROUPS,
  id,
  // Lengths vary for COSINE (which ignores them) and EUCLIDEAN; DOT_PRODUCT indexes unit vectors.
  v_cos: space.vector().map((x) => Math.fround(x * space.between(0.5, 2))),
  v_dot: space.vector(true),
  v_euc: space.vector(),
}));
const queries = Array.from({ length: QUERIES }, () => ({
  v_cos: space.vector(),
  v_dot: space.vector(true),
  v_euc: space.vector(),
}));

let api: RestApi;
const recallByFunction: Record<string, number> = {};

/** An ANN read of `base` by `column`; rows as a bare array unless `extra` says otherwise. */
function annPath(base: string, column: string, vector: unknown, extra = '&raw=true'): string {
  const sort = encodeURIComponent(JSON.stringify({ [column]: { $vector: vector } }));
  return `${base}${base.includes('?') ? '&' : '?'}sort=${sort}${extra}`;
}

beforeAll(async () => {
  const started = Date.now();
  // Cassandra 5.0.9 fails writes into one vector index with more than 3 in flight ("Number of
  // outstanding pooled objects has gone beyond the limit"): bulk inserts write 2 rows at a time,
  // one request after another.
  api = await startRestApi({ REST_BULK_INSERT_CONCURRENCY: '2' });
  expect((await api.post('/v2/schemas/keyspaces', { name: ks })).status).toBe(201);
  const created = await api.post(`/v2/schemas/keyspaces/${ks}/tables`, {
    name: 'items',
    columnDefinitions: [
      { name: 'grp', typeDefinition: 'int' },
      { name: 'id', typeDefinition: 'int' },
      { name: 'note', typeDefinition: 'text' },
      ...COLUMNS.map(({ column }) => ({ name: column, typeDefinition: `vector<float, ${DIMENSION}>` })),
      { name: 'v_plain', typeDefinition: `vector<float, ${DIMENSION}>` },
    ],
    primaryKey: { partitionKey: ['grp'], clusteringKey: ['id'] },
  });
  expect(created.status, created.text).toBe(201);
  for (const { column, fn } of COLUMNS) {
    const index = await api.post(`/v2/schemas/keyspaces/${ks}/tables/items/indexes`, {
      column,
      name: `items_${column}_idx`,
      type: 'StorageAttachedIndex',
      // Any case is accepted; the index stores Cassandra's spelling.
      options: { similarity_function: fn === 'DOT_PRODUCT' ? 'dot_product' : fn },
    });
    expect(index.status, index.text).toBe(201);
  }
  for (let from = 0; from < ROWS; from += BULK_ROWS) {
    const res = await api.post(`${rowsPath}/bulk`, items.slice(from, from + BULK_ROWS));
    expect(res.status, res.text).toBe(200);
    expect(res.body.failed, res.text.slice(0, 500)).toBe(0);
  }
  console.log(`vector-search: ${ROWS} rows written in ${Date.now() - started} ms`);
}, 180_000);

afterAll(async () => {
  console.log(`vector-search recall@${K} by similarity function: ${JSON.stringify(recallByFunction)}`);
  await api?.request('DELETE', `/v2/schemas/keyspaces/${ks}`);
  await api?.close();
});

describe('the index route', () => {
  it('lists each vector index with the similarity function it was given', async () => {
    const res = await api.get(`/v2/schemas/keyspaces/${ks}/tables/items/indexes`);
    expect(res.status, res.text).toBe(200);
    const byName = new Map(
      (res.body as Array<{ index_name: string; options: Record<string, string> }>).map((r) => [
        r.index_name,
        r.options,
      ]),
    );
    for (const { column, fn } of COLUMNS) {
      expect(byName.get(`items_${column}_idx`)).toMatchObject({ target: column, similarity_function: fn });
    }
  });

  it('refuses an unknown similarity function, one on a non-vector column, and one without SAI', async () => {
    const indexes = `/v2/schemas/keyspaces/${ks}/tables/items/indexes`;
    const unknown = await api.post(indexes, {
      column: 'v_plain',
      type: 'StorageAttachedIndex',
      options: { similarity_function: 'MANHATTAN' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.description).toBe(
      'Invalid index option \'similarity_function\': "MANHATTAN" is not one of COSINE, DOT_PRODUCT, EUCLIDEAN',
    );
    const notVector = await api.post(indexes, {
      column: 'note',
      type: 'StorageAttachedIndex',
      options: { similarity_function: 'COSINE' },
    });
    expect(notVector.status).toBe(400);
    expect(notVector.body.description).toBe(
      "Invalid index option 'similarity_function': 'note' is a text column; only a vector column's index has one",
    );
    const notSai = await api.post(indexes, {
      column: 'v_plain',
      type: 'org.example.OtherIndex',
      options: { similarity_function: 'COSINE' },
    });
    expect(notSai.status).toBe(400);
    expect(notSai.body.description).toContain('it needs "type": "StorageAttachedIndex"');
  });
});

describe('ANN reads return the exact top 10', () => {
  for (const { column, fn, score } of COLUMNS) {
    it(`${fn}: recall@${K} ≥ 0.9 over ${QUERIES} queries, with the scores Cassandra computes`, async () => {
      const rows = items.map((item) => ({ key: item.id, vector: item[column as keyof Item] as number[] }));
      const byId = new Map(rows.map((r) => [r.key, r.vector]));
      let total = 0;
      for (const query of queries) {
        const vector = query[column as keyof typeof query];
        const res = await api.get(
          annPath(
            `${rowsPath}/rows?page-size=${K}`,
            column,
            vector,
            `&raw=true&fields=id,${score}(${column})`,
          ),
        );
        expect(res.status, res.text).toBe(200);
        const got = res.body as Array<Record<string, number>>;
        expect(got).toHaveLength(K);
        for (const row of got) {
          expect(Object.keys(row)).toEqual(['id', `${score}(${column})`]);
          expect(row[`${score}(${column})`]).toBeCloseTo(similarity(fn, byId.get(row.id!)!, vector), 4);
        }
        const scores = got.map((r) => r[`${score}(${column})`]!);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
        total += recall(
          got.map((r) => r.id),
          exactTopK(fn, rows, vector, K),
        );
      }
      recallByFunction[fn] = total / QUERIES;
      expect(recallByFunction[fn]).toBeGreaterThanOrEqual(0.9);
    });
  }

  it('on a where search and on a primary-key read: the nearest rows of that partition, the same answer', async () => {
    const group = 3;
    const rows = items.filter((i) => i.grp === group).map((i) => ({ key: i.id, vector: i.v_euc }));
    let total = 0;
    for (const query of queries.slice(0, 3)) {
      const where = encodeURIComponent(JSON.stringify({ grp: { $eq: group } }));
      const search = await api.get(
        annPath(`${rowsPath}?where=${where}&page-size=${K}`, 'v_euc', query.v_euc, '&raw=true&fields=grp,id'),
      );
      expect(search.status, search.text).toBe(200);
      const byKey = await api.get(
        annPath(`${rowsPath}/${group}?page-size=${K}`, 'v_euc', query.v_euc, '&raw=true&fields=grp,id'),
      );
      expect(byKey.status, byKey.text).toBe(200);
      expect(byKey.body).toEqual(search.body);
      expect(search.body.every((r: { grp: number }) => r.grp === group)).toBe(true);
      total += recall(
        search.body.map((r: { id: number }) => r.id),
        exactTopK('EUCLIDEAN', rows, query.v_euc, K),
      );
    }
    expect(total / 3).toBeGreaterThanOrEqual(0.9);
  });

  it('returns whole rows by default, 100 of them, in one page without a page state', async () => {
    const res = await api.get(annPath(`${rowsPath}/rows`, 'v_dot', queries[0]!.v_dot, ''));
    expect(res.status, res.text).toBe(200);
    expect(res.body.count).toBe(100);
    expect(res.body.pageState).toBeUndefined();
    const first = res.body.data[0];
    expect(Object.keys(first)).toEqual(['grp', 'id', 'note', 'v_cos', 'v_dot', 'v_euc', 'v_plain']);
    expect(first.v_dot.map(Math.fround)).toEqual(items[first.id]!.v_dot);
  });

  it('scores another vector column of the same dimension against the query vector', async () => {
    const query = queries[1]!.v_euc;
    const res = await api.get(
      annPath(`${rowsPath}/rows?page-size=3`, 'v_euc', query, '&raw=true&fields=id,similarity_cosine(v_cos)'),
    );
    expect(res.status, res.text).toBe(200);
    for (const row of res.body) {
      expect(row['similarity_cosine(v_cos)']).toBeCloseTo(
        similarity('COSINE', items[row.id]!.v_cos, query),
        4,
      );
    }
  });

  it('accepts a zero vector on a EUCLIDEAN index', async () => {
    const res = await api.get(annPath(`${rowsPath}/rows?page-size=2`, 'v_euc', new Array(DIMENSION).fill(0)));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toHaveLength(2);
  });
});

describe('bad vectors are 400s that name the problem', () => {
  const vector = () => queries[0]!.v_cos;

  async function refusal(path: string): Promise<string> {
    const res = await api.get(path);
    expect(res.status, res.text).toBe(400);
    expect(res.body.code).toBe(400);
    return res.body.description;
  }

  it('writes: wrong dimension, a non-number, a null element', async () => {
    const write = async (value: unknown) => {
      const res = await api.post(rowsPath, { grp: 0, id: 99_999, v_cos: value });
      expect(res.status, res.text).toBe(400);
      return res.body.description;
    };
    expect(await write([1, 2, 3])).toBe(
      "Invalid value for column 'v_cos': expected vector<float, 64> (an array of 64 numbers), got an array of 3",
    );
    const withString: unknown[] = [...vector()];
    withString[1] = 'x';
    expect(await write(withString)).toBe(
      'Invalid value for column \'v_cos\' (at [1]): expected float (a JSON number), got String "x"',
    );
    const withNull: unknown[] = [...vector()];
    withNull[1] = null;
    expect(await write(withNull)).toBe(
      "Invalid value for column 'v_cos' (at [1]): expected float (a vector element cannot be null), got null",
    );
  });

  it('sorts: not a vector column, no SAI index, wrong dimension, non-numbers, zero on COSINE, mixed', async () => {
    const rows = `${rowsPath}/rows`;
    expect(await refusal(annPath(rows, 'note', vector()))).toBe(
      "Invalid 'sort' parameter, problem: 'note' is a text column; $vector sorts by a vector<float, n> column",
    );
    expect(await refusal(annPath(rows, 'v_plain', vector()))).toMatch(
      /^Invalid 'sort' parameter, problem: column 'v_plain' has no SAI index, which an ANN read \(\$vector\) needs/,
    );
    expect(await refusal(annPath(rows, 'v_cos', [1, 2]))).toBe(
      "Invalid 'sort' parameter, problem: $vector for column 'v_cos': expected vector<float, 64> (an array of 64 numbers), got an array of 2",
    );
    expect(await refusal(annPath(rows, 'v_cos', 'abc'))).toBe(
      "Invalid 'sort' parameter, problem: $vector for column 'v_cos': expected vector<float, 64> (an array of 64 numbers), got String \"abc\"",
    );
    const withBoolean: unknown[] = [...vector()];
    withBoolean[5] = true;
    expect(await refusal(annPath(rows, 'v_cos', withBoolean))).toBe(
      "Invalid 'sort' parameter, problem: $vector for column 'v_cos': at [5]: expected float (a JSON number), got Boolean true",
    );
    const withNull: unknown[] = [...vector()];
    withNull[0] = null;
    expect(await refusal(annPath(rows, 'v_cos', withNull))).toContain('a vector element cannot be null');
    expect(await refusal(annPath(rows, 'v_cos', new Array(DIMENSION).fill(0)))).toBe(
      "Invalid 'sort' parameter, problem: $vector for column 'v_cos' is all zeros, which has no direction: the column's COSINE index cannot rank rows by it",
    );
    const mixed = encodeURIComponent(JSON.stringify({ v_cos: { $vector: vector() }, id: 'asc' }));
    expect(await refusal(`${rows}?sort=${mixed}`)).toBe(
      "Invalid 'sort' parameter, problem: $vector (an ANN read on 'v_cos') cannot be combined with other sort columns: Cassandra orders an ANN read by similarity only",
    );
    const notAnOrder = encodeURIComponent(JSON.stringify({ id: { vector: [1] } }));
    expect(await refusal(`${rows}?sort=${notAnOrder}`)).toBe(
      'Invalid \'sort\' parameter, problem: the order of \'id\' must be "asc", "desc" or {"$vector": […]} (an ANN read), got an object',
    );
    const extraKey = encodeURIComponent(JSON.stringify({ v_cos: { $vector: vector(), $k: 3 } }));
    expect(await refusal(`${rows}?sort=${extraKey}`)).toBe(
      'Invalid \'sort\' parameter, problem: {"v_cos": {"$vector": […]}} takes no other key (got $k)',
    );
  });

  it('paging: no page state, and at most 1000 rows', async () => {
    const rows = `${rowsPath}/rows`;
    expect(await refusal(annPath(`${rows}?page-state=AAAA`, 'v_cos', vector()))).toBe(
      "Invalid 'page-state' parameter: an ANN read (sort by $vector) returns its page-size nearest rows in one page and has no next page",
    );
    expect(await refusal(annPath(`${rows}?page-size=1001`, 'v_cos', vector()))).toBe(
      "Invalid 'sort' parameter, problem: an ANN read ($vector) returns at most 1000 rows (Cassandra's limit); page-size is 1001",
    );
  });

  it('scores: only on an ANN read, of a vector column of the same dimension, never cosine of zero', async () => {
    const rows = `${rowsPath}/rows`;
    expect(await refusal(`${rows}?fields=id,similarity_cosine(v_cos)`)).toBe(
      'Invalid \'fields\' parameter, problem: similarity_cosine(v_cos) scores rows against the query vector of an ANN read: add sort={"v_cos":{"$vector":[…]}}',
    );
    expect(
      await refusal(annPath(rows, 'v_cos', vector(), '&raw=true&fields=id,similarity_cosine(note)')),
    ).toBe(
      "Invalid 'fields' parameter, problem: similarity_cosine(note): 'note' is not a vector<float, 64> column like the query vector's 'v_cos'",
    );
    expect(
      await refusal(annPath(rows, 'v_cos', vector(), '&raw=true&fields=id,similarity_manhattan(v_cos)')),
    ).toBe(
      "Invalid 'fields' parameter, problem: similarity_manhattan(v_cos): unknown score function; use similarity_cosine, similarity_dot_product, similarity_euclidean",
    );
    const zero = new Array(DIMENSION).fill(0);
    expect(await refusal(annPath(rows, 'v_euc', zero, '&raw=true&fields=id,similarity_cosine(v_euc)'))).toBe(
      "Invalid 'fields' parameter, problem: similarity_cosine(v_euc): the query vector is all zeros, which has no cosine similarity",
    );
  });
});
