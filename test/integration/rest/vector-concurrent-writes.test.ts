// Concurrent writes into a table with an SAI vector index, over REST against real Cassandra 5.0.
// Cassandra's vector index fails a write when more than the node's processors + 1 reach one index at
// once ("Number of outstanding pooled objects has gone beyond the limit of 3" on 2 cores), which
// reached clients as a 500 with the row lost. The bridge queues such writes per table
// (BRIDGE_VECTOR_WRITES_PER_TABLE), so every one succeeds; and if Cassandra fails one anyway, the
// client gets 503 + Retry-After naming the cause, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { type RestApi, type RestResponse, startRestApi } from './support/rest-api.js';

const ks = uniqueKeyspaceName('vector_writes');
const ROUNDS = 15;
const CONCURRENT = 40;
let api: RestApi;

/**
 * Deterministic 16-dimension vectors, exact in float32 and all different: Cassandra keeps one graph
 * node per distinct vector, so repeated vectors would not insert into the graph at all.
 */
const vectorOf = (id: number) => Array.from({ length: 16 }, (_, k) => ((id * 16 + k) % 1009) / 64 + 1);

async function createTable(table: string): Promise<void> {
  await api.bridge.su(`CREATE TABLE ${ks}.${table} (id int PRIMARY KEY, label text, v vector<float, 16>)`);
  await api.bridge.su(`CREATE CUSTOM INDEX ON ${ks}.${table} (v) USING 'StorageAttachedIndex'`);
}

/** ROUNDS rounds of CONCURRENT inserts sent at once; every response. */
async function insertConcurrently(target: RestApi, table: string): Promise<RestResponse[]> {
  const responses: RestResponse[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const ids = Array.from({ length: CONCURRENT }, (_, i) => round * CONCURRENT + i);
    responses.push(
      ...(await Promise.all(
        ids.map((id) =>
          target.post(`/v2/keyspaces/${ks}/${table}`, { id, label: `row ${id}`, v: vectorOf(id) }),
        ),
      )),
    );
  }
  return responses;
}

beforeAll(async () => {
  api = await startRestApi();
  await api.bridge.createKeyspace(ks);
});

afterAll(async () => {
  await api?.bridge.dropKeyspace(ks);
  await api?.close();
});

describe('a table with vector<float, 16> and an SAI index', () => {
  it(`takes ${ROUNDS} rounds of ${CONCURRENT} concurrent inserts, every one 201, and reads every row back`, async () => {
    await createTable('embeddings');
    const responses = await insertConcurrently(api, 'embeddings');
    const failed = responses.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.text}`);
    expect(failed).toEqual([]);

    const read = await api.get(`/v2/keyspaces/${ks}/embeddings/rows?page-size=1000&raw=true`);
    expect(read.status, read.text).toBe(200);
    const rows = (read.body as Array<{ id: number; label: string; v: number[] }>).sort((a, b) => a.id - b.id);
    expect(rows).toHaveLength(ROUNDS * CONCURRENT);
    rows.forEach((row, id) => {
      expect(row).toEqual({ id, label: `row ${id}`, v: vectorOf(id) });
    });
  });

  it('a write Cassandra fails anyway (limiter off) is a 503 with Retry-After naming the cause, never a 500', async () => {
    const unlimited = await startRestApi({}, { bridge: await startUnlimitedBridge() });
    try {
      await createTable('unlimited');
      const responses = await insertConcurrently(unlimited, 'unlimited');
      for (const res of responses) {
        if (res.status === 201) continue;
        expect(res.status, res.text).toBe(503);
        expect(res.headers.get('retry-after')).toBe('1');
        expect(res.body.description).toMatch(/SAI vector index/);
        expect(res.body.description).toMatch(/retry it/);
      }
    } finally {
      await unlimited.close();
      await unlimited.bridge.close();
    }
  });
});

async function startUnlimitedBridge() {
  const { startTestBridge } = await import('../../support/bridge-harness.js');
  return startTestBridge({ BRIDGE_VECTOR_WRITES_PER_TABLE: '0' });
}
