// Which concurrent writes trip Cassandra 5.0's vector-index defect ("Number of outstanding pooled
// objects has gone beyond the limit", a WriteFailure)? Runs ROUNDS rounds of CONCURRENCY statements
// of each kind at once into a fresh table with an SAI index on `v`, straight to Cassandra (no
// gateway), and counts the failures per kind. Evidence for what vector-write-limiter.ts counts.
//
//   CASSANDRA_CONTACT_POINTS=127.0.0.1:9042 npx tsx tools/vector-index/probe-concurrent-writes.ts
//
// Env: PROBE_KEYSPACE (default hq_vprobe, dropped at the end), PROBE_ROUNDS (10),
// PROBE_CONCURRENCY (40). Bounded: ROUNDS × CONCURRENCY statements per kind.
import cassandra from 'cassandra-driver';

const DIM = 16;
const keyspace = process.env.PROBE_KEYSPACE ?? 'hq_vprobe';
const rounds = Number(process.env.PROBE_ROUNDS ?? 10);
const concurrency = Number(process.env.PROBE_CONCURRENCY ?? 40);
if (!/^[a-z][a-z0-9_]{0,47}$/.test(keyspace)) throw new Error(`bad keyspace name ${keyspace}`);
const contactPoints = (process.env.CASSANDRA_CONTACT_POINTS ?? '127.0.0.1:9042').split(',');

const client = new cassandra.Client({
  contactPoints,
  localDataCenter: process.env.CASSANDRA_LOCAL_DC ?? 'datacenter1',
  credentials: { username: 'cassandra', password: 'cassandra' },
  pooling: { maxRequestsPerConnection: 2048 },
  socketOptions: { readTimeout: 30_000 },
});

const vector = () =>
  new cassandra.types.Vector(Float32Array.from({ length: DIM }, () => Math.random() * 2 - 1));
const ks = `"${keyspace}"`;
const table = `${ks}."t"`;

interface Statement {
  query: string;
  params: unknown[];
}
interface Kind {
  name: string;
  /** Rows written one at a time before the round (not counted). */
  setup?: (k: number) => Statement;
  /** `i`: the statement's place in its round. */
  statement: (k: number, i: number) => Statement;
}

// Each statement gets its own partition key (round * concurrency + i), offset per kind.
const KINDS: Kind[] = [
  {
    name: 'INSERT with v',
    statement: (k) => ({
      query: `INSERT INTO ${table} (k, c, other, v) VALUES (?, 0, ?, ?)`,
      params: [k, 'x', vector()],
    }),
  },
  {
    name: 'UPDATE SET v (new row)',
    statement: (k) => ({ query: `UPDATE ${table} SET v = ? WHERE k = ? AND c = 0`, params: [vector(), k] }),
  },
  {
    name: 'UPDATE SET v (row with v)',
    setup: (k) => ({ query: `INSERT INTO ${table} (k, c, v) VALUES (?, 0, ?)`, params: [k, vector()] }),
    statement: (k) => ({ query: `UPDATE ${table} SET v = ? WHERE k = ? AND c = 0`, params: [vector(), k] }),
  },
  {
    name: 'INSERT without v',
    statement: (k) => ({ query: `INSERT INTO ${table} (k, c, other) VALUES (?, 0, ?)`, params: [k, 'x'] }),
  },
  {
    name: 'INSERT v = null',
    statement: (k) => ({
      query: `INSERT INTO ${table} (k, c, other, v) VALUES (?, 0, ?, ?)`,
      params: [k, 'x', null],
    }),
  },
  {
    name: 'UPDATE other (row with v)',
    setup: (k) => ({ query: `INSERT INTO ${table} (k, c, v) VALUES (?, 0, ?)`, params: [k, vector()] }),
    statement: (k) => ({ query: `UPDATE ${table} SET other = ? WHERE k = ? AND c = 0`, params: ['y', k] }),
  },
  {
    name: 'INSERT other row, partition with v',
    setup: (k) => ({ query: `INSERT INTO ${table} (k, c, v) VALUES (?, 0, ?)`, params: [k, vector()] }),
    statement: (k) => ({ query: `INSERT INTO ${table} (k, c, other) VALUES (?, 1, ?)`, params: [k, 'x'] }),
  },
  {
    name: 'DELETE row with v',
    setup: (k) => ({ query: `INSERT INTO ${table} (k, c, v) VALUES (?, 0, ?)`, params: [k, vector()] }),
    statement: (k) => ({ query: `DELETE FROM ${table} WHERE k = ? AND c = 0`, params: [k] }),
  },
  {
    name: 'DELETE partition with v',
    setup: (k) => ({ query: `INSERT INTO ${table} (k, c, v) VALUES (?, 0, ?)`, params: [k, vector()] }),
    statement: (k) => ({ query: `DELETE FROM ${table} WHERE k = ?`, params: [k] }),
  },
  {
    name: 'DELETE v (column)',
    setup: (k) => ({ query: `INSERT INTO ${table} (k, c, v) VALUES (?, 0, ?)`, params: [k, vector()] }),
    statement: (k) => ({ query: `DELETE v FROM ${table} WHERE k = ? AND c = 0`, params: [k] }),
  },
  {
    name: 'DELETE row without v',
    setup: (k) => ({ query: `INSERT INTO ${table} (k, c, other) VALUES (?, 0, ?)`, params: [k, 'x'] }),
    statement: (k) => ({ query: `DELETE FROM ${table} WHERE k = ? AND c = 0`, params: [k] }),
  },
  {
    // What the limiter lets through at once: its limit (2) of vector writes, and any number of others.
    name: 'mixed: 2 INSERT with v + DELETE/UPDATE other',
    setup: (k) => ({ query: `INSERT INTO ${table} (k, c, v) VALUES (?, 0, ?)`, params: [k, vector()] }),
    statement: (k, i) =>
      i < 2
        ? { query: `INSERT INTO ${table} (k, c, other, v) VALUES (?, 1, ?, ?)`, params: [k, 'x', vector()] }
        : i % 2 === 0
          ? { query: `DELETE FROM ${table} WHERE k = ?`, params: [k] }
          : { query: `UPDATE ${table} SET other = ? WHERE k = ? AND c = 0`, params: ['y', k] },
  },
];

const isWriteFailure = (err: unknown) =>
  (err as { code?: number }).code === cassandra.types.responseErrorCodes.writeFailure;

async function main(): Promise<void> {
  await client.connect();
  await client.execute(`DROP KEYSPACE IF EXISTS ${ks}`);
  await client.execute(
    `CREATE KEYSPACE ${ks} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
  );
  await client.execute(
    `CREATE TABLE ${table} (k int, c int, other text, v vector<float, ${DIM}>, PRIMARY KEY (k, c))`,
  );
  await client.execute(`CREATE CUSTOM INDEX ON ${table} (v) USING 'StorageAttachedIndex'`);
  // Give the graph some content first, as a live collection has.
  for (let k = -200; k < 0; k++) {
    await client.execute(`INSERT INTO ${table} (k, c, v) VALUES (?, 0, ?)`, [k, vector()], { prepare: true });
  }
  console.log(
    `${rounds} rounds × ${concurrency} concurrent statements per kind, vector<float, ${DIM}>, ${contactPoints.join(',')}`,
  );
  const rows: Array<{
    kind: string;
    statements: number;
    writeFailures: number;
    otherErrors: number;
    ms: number;
  }> = [];
  for (const [index, kind] of KINDS.entries()) {
    let writeFailures = 0;
    let otherErrors = 0;
    let sample = '';
    const started = Date.now();
    for (let round = 0; round < rounds; round++) {
      const keys = Array.from(
        { length: concurrency },
        (_, i) => (index + 1) * 100_000 + round * concurrency + i,
      );
      if (kind.setup) {
        for (const k of keys) {
          const s = kind.setup(k);
          await client.execute(s.query, s.params, { prepare: true });
        }
      }
      const results = await Promise.allSettled(
        keys.map((k, i) => {
          const s = kind.statement(k, i);
          return client.execute(s.query, s.params, { prepare: true });
        }),
      );
      for (const r of results) {
        if (r.status === 'fulfilled') continue;
        if (isWriteFailure(r.reason)) writeFailures++;
        else otherErrors++;
        sample ||= String((r.reason as Error).message).slice(0, 160);
      }
    }
    rows.push({
      kind: kind.name,
      statements: rounds * concurrency,
      writeFailures,
      otherErrors,
      ms: Date.now() - started,
    });
    console.log(
      `${kind.name.padEnd(46)} ${String(writeFailures).padStart(4)} WriteFailures / ${rounds * concurrency}  other errors ${otherErrors}${sample ? `  e.g. ${sample}` : ''}`,
    );
  }
  await client.execute(`DROP KEYSPACE IF EXISTS ${ks}`);
  console.log(JSON.stringify(rows));
}

try {
  await main();
} finally {
  await client.shutdown();
}
