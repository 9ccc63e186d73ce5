// Document API storage candidates, measured on a real Cassandra before choosing one
// (docs/docs-storage-design.md). Loads the same N documents into each layout, then times a read by
// id and two field searches (equality, numeric range) that return a first page of full documents.
//
//   CASSANDRA_CONTACT_POINTS=127.0.0.60:9042 DOCS=20000 npx tsx bench/docs-storage.ts
//
// Layouts:
//   shredded  Stargate's: one row per JSON leaf, p0..p63 clustering, SAI on leaf and value columns;
//             a search finds leaf rows, then reads each matching document's partition.
//   maps      the Data API's: one row per document, flattened paths in SAI-indexed maps
//             (Cassandra 5.0 SAI only answers `=` on map entries, so ranges become scans).
//   hybrid    ours: one partition per document = the whole JSON in a static column + one clustering
//             row per leaf (path, generalized path, leaf name, typed value), SAI on those columns;
//             a search returns the document with the matching leaf row.
import cassandra from 'cassandra-driver';

const contactPoints = (process.env.CASSANDRA_CONTACT_POINTS ?? '127.0.0.60:9042').split(',');
const docCount = Number(process.env.DOCS ?? 20_000);
const reads = Number(process.env.READS ?? 500);
const searches = Number(process.env.SEARCHES ?? 200);
const only = process.env.LAYOUTS?.split(',');
const keep = process.env.KEEP === '1';
const PAGE = 20;
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);

const client = new cassandra.Client({
  contactPoints,
  localDataCenter: process.env.CASSANDRA_LOCAL_DC ?? 'datacenter1',
  credentials: {
    username: process.env.CASSANDRA_USERNAME ?? 'cassandra',
    password: process.env.CASSANDRA_PASSWORD ?? 'cassandra',
  },
  socketOptions: { readTimeout: 120_000 },
});

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Leaf {
  path: string[];
  value: Json;
}

const CITIES = 1000;
function makeDoc(i: number): Record<string, Json> {
  // Deterministic pseudo-random values: the same documents for every layout.
  const r = (k: number) => ((i * 2654435761 + k * 40503) >>> 0) / 2 ** 32;
  return {
    name: `user-${i}`,
    email: `user${i}@example.com`,
    age: Math.floor(r(1) * 90) + 10,
    city: `city-${Math.floor(r(2) * CITIES)}`,
    active: r(3) < 0.5,
    score: Math.round(r(4) * 1_000_000) / 1000,
    address: {
      street: `${i} Main St`,
      zip: String(10000 + (i % 90000)),
      geo: { lat: r(5) * 90, lon: r(6) * 180 },
    },
    tags: ['alpha', 'beta', 'gamma'].slice(0, 1 + (i % 3)),
    note: null,
  };
}

function leaves(value: Json, path: string[] = [], out: Leaf[] = []): Leaf[] {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) leaves(v, [...path, `[${i}]`], out);
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out);
  else out.push({ path, value });
  return out;
}

interface Layout {
  name: string;
  create(ks: string): string[];
  writes(ks: string, id: string, doc: Record<string, Json>): Array<{ query: string; params: unknown[] }>;
  readById(ks: string, id: string): Promise<number>;
  searchEq(ks: string, city: string): Promise<number>;
  searchRange(ks: string, lo: number, hi: number): Promise<number>;
}

const exec = (q: string, p: unknown[] = [], o: cassandra.QueryOptions = {}) =>
  client.execute(q, p, { prepare: true, ...o });

/** Pages through a query until `want` distinct documents were collected (or rows ran out). */
async function collect(
  q: string,
  params: unknown[],
  want: number,
  accept: (row: cassandra.types.Row) => string | undefined,
  fetchSize = 100,
): Promise<Set<string>> {
  const found = new Set<string>();
  let pageState: string | undefined;
  do {
    const rs = await exec(q, params, { fetchSize, pageState });
    for (const row of rs.rows) {
      const id = accept(row);
      if (id !== undefined) found.add(id);
      if (found.size >= want) return found;
    }
    pageState = rs.pageState ?? undefined;
  } while (pageState);
  return found;
}

const sai = (ks: string, table: string, target: string, name: string) =>
  `CREATE CUSTOM INDEX IF NOT EXISTS ${name} ON ${ks}.${table} (${target}) USING 'StorageAttachedIndex'`;

const DEPTH = 64;
const pCols = Array.from({ length: DEPTH }, (_, i) => `p${i}`);

const shredded: Layout = {
  name: 'shredded',
  create: (ks) => [
    `CREATE TABLE ${ks}.shredded (key text, ${pCols.map((p) => `${p} text`).join(', ')}, leaf text, text_value text, dbl_value double, bool_value boolean, PRIMARY KEY ((key), ${pCols.join(', ')}))`,
    sai(ks, 'shredded', 'leaf', 'shredded_leaf'),
    sai(ks, 'shredded', 'text_value', 'shredded_text'),
    sai(ks, 'shredded', 'dbl_value', 'shredded_dbl'),
    sai(ks, 'shredded', 'bool_value', 'shredded_bool'),
  ],
  writes(ks, id, doc) {
    const cols = ['key', ...pCols, 'leaf', 'text_value', 'dbl_value', 'bool_value'];
    const q = `INSERT INTO ${ks}.shredded (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
    return leaves(doc).map((l) => {
      const ps = pCols.map((_, i) => l.path[i] ?? '');
      const v = l.value;
      return {
        query: q,
        params: [
          id,
          ...ps,
          l.path[l.path.length - 1],
          typeof v === 'string' ? v : null,
          typeof v === 'number' ? v : null,
          typeof v === 'boolean' ? v : null,
        ],
      };
    });
  },
  async readById(ks, id) {
    const rs = await exec(`SELECT * FROM ${ks}.shredded WHERE key = ?`, [id]);
    return rs.rows.length > 0 ? 1 : 0;
  },
  // Stargate's two steps: candidate leaf rows through the indexes, then every document's rows.
  async searchEq(ks, city) {
    const ids = await collect(
      `SELECT key FROM ${ks}.shredded WHERE leaf = ? AND p0 = ? AND p1 = '' AND text_value = ? ALLOW FILTERING`,
      ['city', 'city', city],
      PAGE,
      (r) => r.key,
    );
    await Promise.all([...ids].map((id) => this.readById(ks, id)));
    return ids.size;
  },
  async searchRange(ks, lo, hi) {
    const ids = await collect(
      `SELECT key FROM ${ks}.shredded WHERE leaf = ? AND p0 = ? AND p1 = '' AND dbl_value > ? AND dbl_value < ? ALLOW FILTERING`,
      ['score', 'score', lo, hi],
      PAGE,
      (r) => r.key,
    );
    await Promise.all([...ids].map((id) => this.readById(ks, id)));
    return ids.size;
  },
};

const maps: Layout = {
  name: 'maps',
  create: (ks) => [
    `CREATE TABLE ${ks}.maps (key text PRIMARY KEY, doc text, query_text_values map<text, text>, query_dbl_values map<text, double>, query_bool_values map<text, boolean>, query_null_values set<text>, exist_keys set<text>)`,
    sai(ks, 'maps', 'entries(query_text_values)', 'maps_text'),
    sai(ks, 'maps', 'entries(query_dbl_values)', 'maps_dbl'),
    sai(ks, 'maps', 'entries(query_bool_values)', 'maps_bool'),
    sai(ks, 'maps', 'values(query_null_values)', 'maps_null'),
    sai(ks, 'maps', 'values(exist_keys)', 'maps_exist'),
  ],
  writes(ks, id, doc) {
    const text: Record<string, string> = {};
    const dbl: Record<string, number> = {};
    const bool: Record<string, boolean> = {};
    const nul: string[] = [];
    const exist: string[] = [];
    for (const l of leaves(doc)) {
      const p = l.path.join('.');
      exist.push(p);
      if (typeof l.value === 'string') text[p] = l.value;
      else if (typeof l.value === 'number') dbl[p] = l.value;
      else if (typeof l.value === 'boolean') bool[p] = l.value;
      else nul.push(p);
    }
    return [
      {
        query: `INSERT INTO ${ks}.maps (key, doc, query_text_values, query_dbl_values, query_bool_values, query_null_values, exist_keys) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        params: [id, JSON.stringify(doc), text, dbl, bool, nul, exist],
      },
    ];
  },
  async readById(ks, id) {
    const rs = await exec(`SELECT doc FROM ${ks}.maps WHERE key = ?`, [id]);
    return rs.rows.length;
  },
  async searchEq(ks, city) {
    const ids = await collect(
      `SELECT key, doc FROM ${ks}.maps WHERE query_text_values[?] = ?`,
      ['city', city],
      PAGE,
      (r) => r.key,
    );
    return ids.size;
  },
  // Cassandra 5.0: "Only EQ relations are supported on map entries" — a range is a scan.
  async searchRange(ks, lo, hi) {
    const ids = await collect(
      `SELECT key, doc FROM ${ks}.maps`,
      [],
      PAGE,
      (r) => {
        const score = (JSON.parse(r.doc) as { score: number }).score;
        return score > lo && score < hi ? r.key : undefined;
      },
      1000,
    );
    return ids.size;
  },
};

const hybrid: Layout = {
  name: 'hybrid',
  create: (ks) => [
    `CREATE TABLE ${ks}.hybrid (key text, p text, doc text STATIC, gp text, leaf text, txt text, dbl double, bool boolean, PRIMARY KEY ((key), p))`,
    sai(ks, 'hybrid', 'p', 'hybrid_p'),
    sai(ks, 'hybrid', 'gp', 'hybrid_gp'),
    sai(ks, 'hybrid', 'leaf', 'hybrid_leaf'),
    sai(ks, 'hybrid', 'txt', 'hybrid_txt'),
    sai(ks, 'hybrid', 'dbl', 'hybrid_dbl'),
    sai(ks, 'hybrid', 'bool', 'hybrid_bool'),
  ],
  writes(ks, id, doc) {
    const rows: Array<{ query: string; params: unknown[] }> = [
      { query: `INSERT INTO ${ks}.hybrid (key, doc) VALUES (?, ?)`, params: [id, JSON.stringify(doc)] },
    ];
    for (const l of leaves(doc)) {
      const v = l.value;
      rows.push({
        query: `INSERT INTO ${ks}.hybrid (key, p, gp, leaf, txt, dbl, bool) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        params: [
          id,
          l.path.join('.'),
          l.path.map((s) => (s.startsWith('[') ? '[*]' : s)).join('.'),
          l.path[l.path.length - 1],
          typeof v === 'string' ? v : null,
          typeof v === 'number' ? v : null,
          typeof v === 'boolean' ? v : null,
        ],
      });
    }
    return rows;
  },
  // DISTINCT over the partition key and a static column reads only the static row.
  async readById(ks, id) {
    const rs = await exec(`SELECT DISTINCT key, doc FROM ${ks}.hybrid WHERE key = ?`, [id]);
    return rs.rows.length;
  },
  async searchEq(ks, city) {
    const ids = await collect(
      `SELECT key, p, doc FROM ${ks}.hybrid WHERE p = ? AND txt = ?`,
      ['city', city],
      PAGE,
      (r) => r.key,
    );
    return ids.size;
  },
  async searchRange(ks, lo, hi) {
    const ids = await collect(
      `SELECT key, p, doc FROM ${ks}.hybrid WHERE p = ? AND dbl > ? AND dbl < ?`,
      ['score', lo, hi],
      PAGE,
      (r) => r.key,
    );
    return ids.size;
  },
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(n: number, fn: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function load(ks: string, layout: Layout): Promise<number> {
  const start = Date.now();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < docCount; i = next++) {
      const writes = layout.writes(ks, `doc-${i}`, makeDoc(i));
      // A 2-core machine shared with Cassandra times out now and then under load: retry.
      for (let attempt = 1; ; attempt++) {
        try {
          if (writes.length === 1) await exec(writes[0]!.query, writes[0]!.params);
          else await client.batch(writes, { prepare: true, logged: false });
          break;
        } catch (err) {
          if (attempt >= 5) throw err;
          await new Promise((r) => setTimeout(r, 200 * attempt));
        }
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (Date.now() - start) / 1000;
}

async function main(): Promise<void> {
  await client.connect();
  const ks = `bench_docs_storage_${Date.now().toString(36)}`;
  await client.execute(
    `CREATE KEYSPACE ${ks} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
  );
  const layouts = [hybrid, shredded, maps].filter((l) => !only || only.includes(l.name));
  const rows: string[] = [];
  try {
    const loadSeconds = new Map<string, number>();
    for (const layout of layouts) {
      for (const stmt of layout.create(ks)) await client.execute(stmt);
      loadSeconds.set(layout.name, await load(ks, layout));
      console.log(`${layout.name}: loaded ${docCount} documents in ${loadSeconds.get(layout.name)} s`);
    }
    // Let flushes and index builds triggered by the load settle before timing anything.
    await new Promise((r) => setTimeout(r, Number(process.env.SETTLE_MS ?? 15_000)));
    for (const layout of layouts) {
      // Warm-up (prepared statements, caches) before timing.
      for (let i = 0; i < 20; i++) {
        await layout.readById(ks, `doc-${i}`);
        await layout.searchEq(ks, `city-${i}`);
      }
      const rand = (i: number, k: number) => ((i * 7919 + k * 104729) >>> 0) % docCount;
      const read = await time(reads, (i) => layout.readById(ks, `doc-${rand(i, 1)}`));
      let eqFound = 0;
      const eq = await time(searches, async (i) => {
        eqFound += await layout.searchEq(ks, `city-${rand(i, 2) % CITIES}`);
      });
      let rangeFound = 0;
      const rangeRuns = Math.max(1, Math.floor(searches / 4));
      const range = await time(rangeRuns, async (i) => {
        // A window holding ~0.1 % of the documents (scores are uniform in 0..1000).
        const lo = (rand(i, 3) % 990) + 0.5;
        rangeFound += await layout.searchRange(ks, lo, lo + 1);
      });
      const f = (x: number) => x.toFixed(2).padStart(8);
      rows.push(
        `${layout.name.padEnd(9)} load ${loadSeconds.get(layout.name)!.toFixed(0).padStart(4)} s | by id p50 ${f(read.p50)} p99 ${f(read.p99)} ms | ` +
          `eq search p50 ${f(eq.p50)} p99 ${f(eq.p99)} ms (avg ${(eqFound / searches).toFixed(1)} docs) | ` +
          `range search p50 ${f(range.p50)} p99 ${f(range.p99)} ms (avg ${(rangeFound / rangeRuns).toFixed(1)} docs)`,
      );
      console.log(rows[rows.length - 1]);
    }
  } finally {
    if (!keep) await client.execute(`DROP KEYSPACE IF EXISTS ${ks}`);
    await client.shutdown();
  }
  console.log(
    `\n${docCount} documents, ${reads} reads, ${searches} equality searches; page = ${PAGE} documents`,
  );
  for (const row of rows) console.log(row);
}

await main();
