// Vector search in the Document API against the real Cassandra: a collection per metric holding
// 2,000 documents with clustered, embedding-like 64-dimension vectors made here from a seed; the
// nearest documents the API answers are compared with the exact ones computed here (recall@10),
// with and without a `where`, and `$similarity` with the score computed here. Bad declarations,
// bad vectors and paging are clear 400s. Concurrent writes: vector-concurrent-writes.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gaussianFrom, type Similarity, seededUniform, similarity } from '../../support/embedding-vectors.js';
import { type Answer, type DocsApiHarness, startDocsApi } from './docs-api-harness.js';

const DIMENSION = 64;
const DOCUMENTS = 2000;
const CLUSTERS = 20;
const METRICS = ['cosine', 'dot_product', 'euclidean'] as const;
type Metric = (typeof METRICS)[number];
/** Small enough that a `where` over three clusters (about 300 documents) is too broad to score exactly. */
const MAX_SORT_DOCUMENTS = 150;

interface Doc {
  title?: string;
  id: string;
  n: number;
  cluster: number;
  group: string;
  $vector: number[];
}

const unit = (v: number[]) => {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
};

/** As Cassandra stores them: float32. */
const float32 = (v: number[]) => v.map((x) => Math.fround(x));

function makeVectors(metric: Metric, seed: number) {
  const next = seededUniform(seed);
  const centroids = Array.from({ length: CLUSTERS }, () =>
    Array.from({ length: DIMENSION }, () => gaussianFrom(next)),
  );
  const near = (centroid: number[], spread: number) => {
    const v = centroid.map((x) => x + spread * gaussianFrom(next));
    // dot_product ranks as cosine only for vectors of length 1, as its index requires.
    return float32(metric === 'dot_product' ? unit(v) : v);
  };
  const docs: Doc[] = Array.from({ length: DOCUMENTS }, (_, i) => ({
    id: `d${String(i).padStart(4, '0')}`,
    n: i,
    cluster: i % CLUSTERS,
    // A fifth of every cluster.
    group: Math.floor(i / CLUSTERS) % 5 === 0 ? 'rare' : 'common',
    $vector: near(centroids[i % CLUSTERS]!, 0.35),
  }));
  const queries = Array.from({ length: 10 }, (_, q) => near(centroids[(q * 7) % CLUSTERS]!, 0.35));
  return { docs, queries, centroidOf: (q: number) => (q * 7) % CLUSTERS };
}

/** The score Cassandra's similarity_<metric> gives. */
function score(metric: Metric, a: number[], b: number[]): number {
  return similarity(metric.toUpperCase() as Similarity, a, b);
}

function exactTop(metric: Metric, docs: Doc[], query: number[], k: number): string[] {
  return docs
    .map((d) => ({ id: d.id, s: score(metric, query, d.$vector) }))
    .sort((a, b) => b.s - a.s || (a.id < b.id ? -1 : 1))
    .slice(0, k)
    .map((d) => d.id);
}

let api: DocsApiHarness;
const collections = () => `/v2/namespaces/${api.namespace}/collections`;
const datasets = new Map<Metric, ReturnType<typeof makeVectors>>();
const recall = new Map<string, number>();

function search(collection: string, query: Record<string, string>): Promise<Answer> {
  return api.call('GET', api.collectionPath(collection), { query });
}

async function nearest(
  collection: string,
  vector: number[],
  k: number,
  extra: Record<string, string> = {},
): Promise<Array<[string, Doc & { $similarity?: number }]>> {
  const res = await search(collection, {
    sort: JSON.stringify({ $vector: vector }),
    'page-size': String(k),
    ...extra,
  });
  expect(res.status, res.text).toBe(200);
  expect(res.body.pageState).toBeUndefined();
  return Object.entries(res.body.data);
}

beforeAll(async () => {
  api = await startDocsApi('vdocs_vector', { DOCS_MAX_SORT_DOCUMENTS: String(MAX_SORT_DOCUMENTS) });
  // Schema changes one after the other (a shared Cassandra is slow with several at once), then the
  // documents of the three collections together.
  for (const metric of METRICS) {
    const created = await api.call('POST', collections(), {
      body: { name: `v_${metric}`, vector: { dimension: DIMENSION, metric } },
    });
    expect(created.status, created.text).toBe(201);
  }
  await Promise.all(
    METRICS.map(async (metric, m) => {
      const data = makeVectors(metric, 1000 + m);
      datasets.set(metric, data);
      for (let i = 0; i < data.docs.length; i += 250) {
        const batch = await api.call('POST', api.collectionPath(`v_${metric}`, '/batch'), {
          body: data.docs.slice(i, i + 250),
          query: { 'id-path': 'id' },
        });
        expect(batch.status, batch.text).toBe(202);
      }
    }),
  );
}, 120_000);

afterAll(async () => {
  await api?.close();
  if (recall.size > 0) {
    process.stdout.write(
      `[vector-search] recall@10 ${[...recall].map(([m, r]) => `${m}=${r.toFixed(3)}`).join(' ')}\n`,
    );
  }
});

describe.each(METRICS)('a collection with the %s metric', (metric) => {
  const collection = `v_${metric}`;

  it('answers the 10 nearest documents with recall@10 ≥ 0.9 over 10 queries', async () => {
    const { docs, queries } = datasets.get(metric)!;
    let total = 0;
    for (const query of queries) {
      const found = await nearest(collection, query, 10);
      expect(found).toHaveLength(10);
      const exact = new Set(exactTop(metric, docs, query, 10));
      total += found.filter(([id]) => exact.has(id)).length / 10;
    }
    recall.set(metric, total / queries.length);
    expect(total / queries.length).toBeGreaterThanOrEqual(0.9);
  });

  it('adds $similarity, the score of the metric, nearest first', async () => {
    const { docs, queries } = datasets.get(metric)!;
    const byId = new Map(docs.map((d) => [d.id, d]));
    const found = await nearest(collection, queries[0]!, 5, { 'include-similarity': 'true' });
    let previous = Number.POSITIVE_INFINITY;
    for (const [id, doc] of found) {
      // The shortest decimals of the stored float32 numbers.
      expect(doc.$vector.map(Math.fround)).toEqual(byId.get(id)!.$vector);
      expect(doc.$similarity).toBeCloseTo(score(metric, queries[0]!, byId.get(id)!.$vector), 5);
      expect(doc.$similarity!).toBeLessThanOrEqual(previous);
      previous = doc.$similarity!;
    }
    const plain = await nearest(collection, queries[0]!, 5);
    expect(plain.every(([, doc]) => doc.$similarity === undefined)).toBe(true);
  });

  it('combines a where: the nearest documents that match it', async () => {
    const { docs, queries } = datasets.get(metric)!;
    const rare = docs.filter((d) => d.group === 'rare');
    let total = 0;
    for (const query of queries.slice(0, 5)) {
      const found = await nearest(collection, query, 10, {
        where: JSON.stringify({ group: { $eq: 'rare' } }),
      });
      expect(found).toHaveLength(10);
      expect(found.every(([, doc]) => doc.group === 'rare')).toBe(true);
      const exact = new Set(exactTop(metric, rare, query, 10));
      total += found.filter(([id]) => exact.has(id)).length / 10;
    }
    recall.set(`${metric}+where`, total / 5);
    expect(total / 5).toBeGreaterThanOrEqual(0.9);
  });
});

describe('a where that few near documents match', () => {
  const metric: Metric = 'euclidean';
  const collection = `v_${metric}`;

  /** The clusters whose documents are all far from the query: none is among the candidates. */
  function farClusters(query: number[], count: number): number[] {
    const { docs } = datasets.get(metric)!;
    const ranked = exactTop(metric, docs, query, DOCUMENTS);
    const firstRank = new Map<number, number>();
    ranked.forEach((id, rank) => {
      const cluster = Number(id.slice(1)) % CLUSTERS;
      if (!firstRank.has(cluster)) firstRank.set(cluster, rank);
    });
    return [...firstRank]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([cluster]) => cluster);
  }

  it('is answered exactly from every matching document', async () => {
    const { docs, queries } = datasets.get(metric)!;
    const [cluster] = farClusters(queries[1]!, 1);
    const where = { cluster: { $eq: cluster } };
    const found = await nearest(collection, queries[1]!, 10, {
      where: JSON.stringify(where),
      'include-similarity': 'true',
    });
    const matching = docs.filter((d) => d.cluster === cluster);
    expect(found.map(([id]) => id)).toEqual(exactTop(metric, matching, queries[1]!, 10));
    for (const [id, doc] of found) {
      const stored = matching.find((d) => d.id === id)!;
      expect(doc.$similarity).toBeCloseTo(score(metric, queries[1]!, stored.$vector), 6);
    }
  });

  it('is a 400 when it matches too many documents to score exactly', async () => {
    const { queries } = datasets.get(metric)!;
    const where = { cluster: { $in: farClusters(queries[1]!, 3) } };
    const res = await search(collection, {
      sort: JSON.stringify({ $vector: queries[1] }),
      'page-size': '10',
      where: JSON.stringify(where),
    });
    expect(res.status, res.text).toBe(400);
    expect(res.body.description).toBe(
      `Too few of the 200 nearest documents match the \`where\`, and it matches more than ${MAX_SORT_DOCUMENTS} documents, too many to score exactly; narrow the \`where\`.`,
    );
  });
});

describe('documents with $vector', () => {
  it('are read back with their vector, may be patched, and show in the listing of collections', async () => {
    const created = await api.call('POST', collections(), {
      body: { name: 'small', vector: { dimension: 3, metric: 'euclidean' } },
    });
    expect(created.status, created.text).toBe(201);
    const put = await api.call('PUT', api.collectionPath('small', '/a'), {
      body: { title: 'A', $vector: [0.1, 0.2, 1e-3] },
    });
    expect(put.status, put.text).toBe(200);
    const read = await api.call('GET', api.collectionPath('small', '/a'));
    expect(read.body.data).toEqual({ title: 'A', $vector: [0.1, 0.2, 0.001] });
    await api.call('PUT', api.collectionPath('small', '/plain'), { body: { title: 'no vector' } });
    const patched = await api.call('PATCH', api.collectionPath('small', '/a'), { body: { title: 'A2' } });
    expect(patched.status).toBe(200);
    const found = await nearest('small', [0.1, 0.2, 0], 5);
    expect(found.map(([id, doc]) => [id, doc.title])).toEqual([['a', 'A2']]);

    const listing = await api.call('GET', collections());
    expect(listing.body.data).toContainEqual({
      name: 'small',
      upgradeAvailable: false,
      vector: { dimension: 3, metric: 'euclidean' },
    });
    expect(listing.body.data).toContainEqual({
      name: 'v_cosine',
      upgradeAvailable: false,
      vector: { dimension: DIMENSION, metric: 'cosine' },
    });
  });
});

describe('refusals', () => {
  const expectRefusal = (res: Answer, description: string | RegExp) => {
    expect(res.status, res.text).toBe(400);
    expect(res.body.code).toBe(400);
    if (typeof description === 'string') expect(res.body.description).toBe(description);
    else expect(res.body.description).toMatch(description);
  };

  it('of a bad vector declaration', async () => {
    const create = (vector: unknown) =>
      api.call('POST', collections(), { body: { name: 'bad_decl', vector } });
    expectRefusal(
      await create({ dimension: 3, metric: 'manhattan' }),
      'Invalid `vector` of the collection: `metric` must be one of cosine, dot_product, euclidean, got "manhattan". Expected {"dimension": 1 to 8192, "metric": "cosine", "dot_product" or "euclidean"}.',
    );
    expectRefusal(await create({ dimension: 0 }), /`dimension` must be 1 to 8192, got 0/);
    expectRefusal(await create({ dimension: 8193 }), /`dimension` must be 1 to 8192, got 8193/);
    expectRefusal(await create({ dimension: 2.5 }), /`dimension` must be a whole number, got 2.5/);
    expectRefusal(await create({ metric: 'cosine' }), /`dimension` is missing/);
    expectRefusal(await create([3]), /it must be a JSON object, got an array/);
    expect((await api.call('GET', api.collectionPath('bad_decl'))).status).toBe(404);
  });

  it('of a $vector of the wrong dimension or not of numbers', async () => {
    const put = (vector: unknown) =>
      api.call('PUT', api.collectionPath('v_cosine', '/bad'), { body: { $vector: vector } });
    expectRefusal(
      await put([1, 2, 3]),
      "Invalid `$vector` of the document: the collection's vectors have 64 dimensions, this one has 3.",
    );
    expectRefusal(
      await put([...Array(63).fill(0.5), '1']),
      'Invalid `$vector` of the document: element [63] is the string "1", not a number.',
    );
    expectRefusal(await put(Array(64).fill(0)), /every element is 0, and a zero vector has no direction/);
    expectRefusal(await put('fast'), /it must be an array of 64 numbers, got the string "fast"/);
    expect((await api.call('GET', api.collectionPath('v_cosine', '/bad'))).status).toBe(404);
  });

  it('of $vector in a collection that declares none', async () => {
    const res = await api.call('PUT', api.collectionPath('plain', '/x'), { body: { $vector: [1, 2] } });
    expectRefusal(
      res,
      'The collection plain declares no vector, so its documents cannot carry `$vector` nor be sorted by it; create a collection with {"name": …, "vector": {"dimension": n, "metric": "cosine"}} for that.',
    );
    await api.call('PUT', api.collectionPath('plain', '/y'), { body: { a: 1 } });
    expectRefusal(
      await search('plain', { sort: JSON.stringify({ $vector: [1, 2] }) }),
      /^The collection plain declares no vector/,
    );
  });

  it('of a sort vector of the wrong dimension, mixed with fields, or paged, and of a where on $vector', async () => {
    const sort = JSON.stringify({ $vector: Array(64).fill(0.1) });
    expectRefusal(
      await search('v_cosine', { sort: JSON.stringify({ $vector: [1] }) }),
      "Invalid `$vector` of the sort: the collection's vectors have 64 dimensions, this one has 1.",
    );
    expectRefusal(
      await search('v_cosine', { sort: JSON.stringify({ $vector: Array(64).fill(0.1), n: 1 }) }),
      /a sort by `\$vector` takes no other field/,
    );
    expectRefusal(
      await search('v_cosine', { sort, 'page-size': '5', 'page-state': 'AAAA' }),
      /cannot be paged: leave out `page-state`/,
    );
    expectRefusal(
      await search('v_cosine', { where: JSON.stringify({ $vector: { $exists: true } }) }),
      '`$vector` cannot be searched with `where`; search by similarity with sort={"$vector":[…]}',
    );
  });
});
