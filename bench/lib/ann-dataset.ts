// The ann scenario's data: `bench.ann`, N rows of deterministic 64-dimension vectors with an SAI
// index (COSINE), kept between runs (a marker row in bench.meta says which N is complete; another N
// empties the table and loads again). Loaded through the driver with at most 2 inserts in flight:
// Cassandra 5.0's vector index fails writes when more than the node's processors + 1 reach it at
// once (README.md, "Writes to tables with a vector index").
import cassandra from 'cassandra-driver';
import { KEYSPACE } from './dataset.js';

export const ANN_TABLE = 'ann';
export const ANN_DIMENSIONS = 64;
export const ANN_K = 10;
export const FULL_ANN_ROWS = 100_000;
export const QUICK_ANN_ROWS = 5_000;
/** Distinct query vectors cycled through by the scenario. */
export const ANN_QUERIES = 1_000;

const LOAD_CONCURRENCY = 2;
const LOAD_ATTEMPTS = 5;

/** Vector i, the same in every run: 64 floats in [-1, 1) from a small PRNG seeded with i. */
export function annVector(i: number): number[] {
  let state = (i * 0x9e3779b9 + 0x7f4a7c15) >>> 0;
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return Array.from({ length: ANN_DIMENSIONS }, () => Math.fround(next() * 2 - 1));
}

/** Query vector q: not one of the table's (drawn past any row count). */
export function annQueryVector(q: number): number[] {
  return annVector(2_000_000_000 + (q % ANN_QUERIES));
}

export function toDriverVector(vector: number[]): cassandra.types.Vector {
  return new cassandra.types.Vector(new Float32Array(vector), 'float');
}

/** The table and its index (IF NOT EXISTS), then its rows unless `rows` of them are already there. */
export async function prepareAnnTable(
  client: cassandra.Client,
  rows: number,
  log: (line: string) => void,
): Promise<void> {
  await client.execute(
    `CREATE TABLE IF NOT EXISTS ${KEYSPACE}.${ANN_TABLE} (id int PRIMARY KEY, v vector<float, ${ANN_DIMENSIONS}>)`,
  );
  await client.execute(
    `CREATE CUSTOM INDEX IF NOT EXISTS ${ANN_TABLE}_v ON ${KEYSPACE}.${ANN_TABLE} (v) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'COSINE'}`,
  );
  const mark = `${rows}x${ANN_DIMENSIONS}`;
  const current = await client.execute(`SELECT value FROM ${KEYSPACE}.meta WHERE name = ?`, ['ann'], {
    prepare: true,
  });
  if (current.first()?.get('value') === mark) return;
  const started = Date.now();
  await client.execute(`DELETE FROM ${KEYSPACE}.meta WHERE name = ?`, ['ann'], { prepare: true });
  await client.execute(`TRUNCATE ${KEYSPACE}.${ANN_TABLE}`);
  const insert = `INSERT INTO ${KEYSPACE}.${ANN_TABLE} (id, v) VALUES (?, ?)`;
  let next = 0;
  const worker = async () => {
    while (next < rows) {
      const id = next++;
      for (let attempt = 1; ; attempt++) {
        try {
          await client.execute(insert, [id, toDriverVector(annVector(id))], { prepare: true });
          break;
        } catch (err) {
          if (attempt >= LOAD_ATTEMPTS) throw err;
          await new Promise((r) => setTimeout(r, 100 * attempt));
        }
      }
      if ((id + 1) % 20_000 === 0) log(`  ${KEYSPACE}.${ANN_TABLE}: ${id + 1} of ${rows} rows`);
    }
  };
  await Promise.all(Array.from({ length: LOAD_CONCURRENCY }, worker));
  await client.execute(`INSERT INTO ${KEYSPACE}.meta (name, value) VALUES (?, ?)`, ['ann', mark], {
    prepare: true,
  });
  log(
    `loaded ${rows} ${ANN_DIMENSIONS}-dimension vectors into ${KEYSPACE}.${ANN_TABLE} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
