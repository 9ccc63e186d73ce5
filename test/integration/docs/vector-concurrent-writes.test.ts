// Concurrent document writes into one collection with a vector, through the Document API against
// real Cassandra 5.0. Cassandra 5.0.9 fails a write when more than the node's processors + 1 reach one
// vector index at once ("Number of outstanding pooled objects has gone beyond the limit of 3" on 2
// cores). The Document API has no limit of its own: the bridge queues the writes that set the
// vector column of a table with a vector index (BRIDGE_VECTOR_WRITES_PER_TABLE) and sees each
// document write, one batch of the document's rows, as one such write (its `$vector` row). So
// every PUT succeeds, on its first try, and every document reads back. (A failed write would be retried by the API's bridge client, which hides it
// from the client but not from the bridge's metrics: those are checked too.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeBatchStatuses } from '../../../tools/vector-index/bridge-batch-statuses.js';
import { type Answer, type DocsApiHarness, startDocsApi } from './docs-api-harness.js';

const CONCURRENT = 40;
/** Cassandra fails a few in a hundred such writes without the limit: enough rounds to see one. */
const ROUNDS = 10;
const DIMENSION = 16;
let api: DocsApiHarness;

/**
 * Deterministic vectors, exact in float32 and all different: Cassandra keeps one graph node per
 * distinct vector, so repeated vectors would not insert into the graph at all.
 */
const vectorOf = (n: number) =>
  Array.from({ length: DIMENSION }, (_, k) => ((n * DIMENSION + k) % 1009) / 64 + 1);

beforeAll(async () => {
  api = await startDocsApi('vdocs_writes');
});

afterAll(async () => {
  await api?.close();
});

describe('a collection with a vector', () => {
  it(`takes ${ROUNDS} rounds of ${CONCURRENT} concurrent PUTs of documents with distinct $vectors, every one 200 at the first try, and reads every one back`, async () => {
    const created = await api.call('POST', `/v2/namespaces/${api.namespace}/collections`, {
      body: { name: 'busy', vector: { dimension: DIMENSION, metric: 'euclidean' } },
    });
    expect(created.status, created.text).toBe(201);

    const before = await bridgeBatchStatuses(`${api.bridge.httpUrl}/metrics`);
    const failed: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const ns = Array.from({ length: CONCURRENT }, (_, i) => round * CONCURRENT + i);
      const puts: Answer[] = await Promise.all(
        ns.map((n) =>
          api.call('PUT', api.collectionPath('busy', `/d${n}`), {
            body: { n, label: `document ${n}`, $vector: vectorOf(n) },
          }),
        ),
      );
      puts.forEach((res, i) => {
        if (res.status !== 200) failed.push(`d${ns[i]}: ${res.status} ${res.text}`);
      });
    }
    expect(failed).toEqual([]);
    // One batch per document, none failed by Cassandra and retried.
    const after = await bridgeBatchStatuses(`${api.bridge.httpUrl}/metrics`);
    const answered = Object.fromEntries(
      Object.entries(after)
        .map(([status, count]) => [status, count - (before[status] ?? 0)] as const)
        .filter(([, count]) => count > 0),
    );
    expect(answered).toEqual({ OK: ROUNDS * CONCURRENT });

    for (let n = 0; n < ROUNDS * CONCURRENT; n++) {
      const read = await api.call('GET', api.collectionPath('busy', `/d${n}`));
      expect(read.status, read.text).toBe(200);
      expect(read.body.data).toEqual({ n, label: `document ${n}`, $vector: vectorOf(n) });
    }
    // The vectors are in the index too: the nearest document to one is itself.
    const nearest = await api.call('GET', api.collectionPath('busy'), {
      query: { sort: JSON.stringify({ $vector: vectorOf(77) }), 'page-size': '1' },
    });
    expect(nearest.status, nearest.text).toBe(200);
    expect(Object.keys(nearest.body.data)).toEqual(['d77']);
  });
});
