// The benchmark's data, loaded once and kept between runs (a marker row in bench.meta records what
// is complete, so an interrupted load is redone):
// - keyspace `bench`: `kv` (point reads, 10,000 rows), `pages` (100-row partitions), `writes`
//   (single-row inserts);
// - namespace `bench_docs`: a Document API collection `people_<n>` of n generated documents,
//   loaded with the Document API's own write statements through the driver (quick on a shared
//   machine), or through the API's batch route (`--docs-load api`).
import cassandra from 'cassandra-driver';
import type { Value } from '../../services/common/src/proto/generated/stargate/Value.js';
import { writeStatements } from '../../services/docs/src/storage/document-store.js';
import { nextWriteTimestamp } from '../../services/docs/src/storage/write-timestamp.js';

export const KEYSPACE = 'bench';
export const DOCS_NAMESPACE = 'bench_docs';
export const KV_ROWS = 10_000;
export const PAGE_PARTITIONS = 100;
export const PAGE_ROWS = 100;
/** Keys of the insert scenario are drawn from this many. */
export const WRITE_KEYS = 1_000_000;
/** Documents per distinct `city` value: a search for one city matches about this many. */
export const DOCS_PER_CITY = 100;

const REPLICATION = "{'class': 'SimpleStrategy', 'replication_factor': 1}";
const LOAD_CONCURRENCY = 64;
const LOAD_CHUNK = 5_000;
// Each document is one batch of ~13 statements updating six SAI indexes: more in flight makes a
// local node with the launcher's default 1 GiB heap run out of memory (seen with 32).
const DOC_LOAD_CONCURRENCY = 8;

export function kvValue(k: number): string {
  return `value-${k}-${'x'.repeat(32)}`;
}

export function pageValue(pk: number, ck: number): string {
  return `row-${pk}-${ck}-${'y'.repeat(32)}`;
}

export function collectionName(docCount: number): string {
  return `people_${docCount}`;
}

export function cityCount(docCount: number): number {
  return Math.max(1, Math.round(docCount / DOCS_PER_CITY));
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Deterministic documents: document i is the same in every run. */
export function makeDoc(i: number, docCount: number): { [k: string]: Json } {
  const r = (k: number) => ((i * 2654435761 + k * 40503) >>> 0) / 2 ** 32;
  return {
    id: `p${i}`,
    name: `user-${i}`,
    email: `user${i}@example.com`,
    age: Math.floor(r(1) * 90) + 10,
    // Spread evenly so that every city has ~DOCS_PER_CITY documents, whatever the collection size.
    city: `city-${i % cityCount(docCount)}`,
    active: r(3) < 0.5,
    score: Math.round(r(4) * 1_000_000) / 1000,
    address: { street: `${i} Main St`, zip: String(10000 + (i % 90000)) },
    tags: ['alpha', 'beta', 'gamma'].slice(0, 1 + (i % 3)),
  };
}

async function marker(client: cassandra.Client, name: string): Promise<string | undefined> {
  const rs = await client.execute(`SELECT value FROM ${KEYSPACE}.meta WHERE name = ?`, [name], {
    prepare: true,
  });
  return rs.first()?.get('value') as string | undefined;
}

async function setMarker(client: cassandra.Client, name: string, value: string): Promise<void> {
  await client.execute(`INSERT INTO ${KEYSPACE}.meta (name, value) VALUES (?, ?)`, [name, value], {
    prepare: true,
  });
}

async function withRetries<T>(write: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= attempts || (err as Error).name === 'NoHostAvailableError') throw err;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

/** Keyspaces and tables (IF NOT EXISTS), then the rows of `kv` and `pages` unless already there. */
export async function prepareTables(client: cassandra.Client, log: (line: string) => void): Promise<void> {
  for (const cql of [
    `CREATE KEYSPACE IF NOT EXISTS ${KEYSPACE} WITH replication = ${REPLICATION}`,
    `CREATE KEYSPACE IF NOT EXISTS ${DOCS_NAMESPACE} WITH replication = ${REPLICATION}`,
    `CREATE TABLE IF NOT EXISTS ${KEYSPACE}.meta (name text PRIMARY KEY, value text)`,
    `CREATE TABLE IF NOT EXISTS ${KEYSPACE}.kv (k int PRIMARY KEY, v text)`,
    `CREATE TABLE IF NOT EXISTS ${KEYSPACE}.pages (pk int, ck int, v text, PRIMARY KEY (pk, ck))`,
    `CREATE TABLE IF NOT EXISTS ${KEYSPACE}.writes (k int PRIMARY KEY, v text)`,
  ]) {
    await client.execute(cql);
  }
  const started = Date.now();
  if ((await marker(client, 'kv')) !== String(KV_ROWS)) {
    const params = Array.from({ length: KV_ROWS }, (_, k) => [k, kvValue(k)]);
    await cassandra.concurrent.executeConcurrent(
      client,
      `INSERT INTO ${KEYSPACE}.kv (k, v) VALUES (?, ?)`,
      params,
      {
        concurrencyLevel: LOAD_CONCURRENCY,
      },
    );
    await setMarker(client, 'kv', String(KV_ROWS));
    log(`loaded ${KV_ROWS} rows into ${KEYSPACE}.kv`);
  }
  const pagesMark = `${PAGE_PARTITIONS}x${PAGE_ROWS}`;
  if ((await marker(client, 'pages')) !== pagesMark) {
    const params: unknown[][] = [];
    for (let pk = 0; pk < PAGE_PARTITIONS; pk++) {
      for (let ck = 0; ck < PAGE_ROWS; ck++) params.push([pk, ck, pageValue(pk, ck)]);
    }
    await cassandra.concurrent.executeConcurrent(
      client,
      `INSERT INTO ${KEYSPACE}.pages (pk, ck, v) VALUES (?, ?, ?)`,
      params,
      { concurrencyLevel: LOAD_CONCURRENCY },
    );
    await setMarker(client, 'pages', pagesMark);
    log(`loaded ${PAGE_PARTITIONS} partitions of ${PAGE_ROWS} rows into ${KEYSPACE}.pages`);
  }
  if (Date.now() - started > 1000) log(`tables ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export interface DocsApiAccess {
  baseUrl: string;
  token: string;
}

async function docsCall(api: DocsApiAccess, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${api.baseUrl}${path}`, {
    method,
    headers: {
      'x-cassandra-token': api.token,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

function driverValue(v: Value): unknown {
  if (v.unset) return cassandra.types.unset;
  if (v.int !== undefined) return cassandra.types.Long.fromString(String(v.int));
  return v.string ?? v.double ?? v.boolean ?? null;
}

/**
 * The collection `people_<docCount>` in `bench_docs`, created through the Document API, and its
 * documents (skipped when the marker says they are all there). Returns the collection name.
 */
export async function prepareCollection(
  client: cassandra.Client,
  api: DocsApiAccess,
  docCount: number,
  how: 'direct' | 'api',
  log: (line: string) => void,
): Promise<string> {
  const collection = collectionName(docCount);
  const existing = (await docsCall(api, 'GET', `/v2/namespaces/${DOCS_NAMESPACE}/collections?raw=true`)) as
    | Array<{ name: string }>
    | { data: Array<{ name: string }> };
  const names = (Array.isArray(existing) ? existing : existing.data).map((c) => c.name);
  if (!names.includes(collection)) {
    await docsCall(api, 'POST', `/v2/namespaces/${DOCS_NAMESPACE}/collections`, { name: collection });
    log(`created collection ${DOCS_NAMESPACE}.${collection}`);
  }
  const markName = `docs:${collection}`;
  if ((await marker(client, markName)) === String(docCount)) return collection;
  // Loaded in chunks, each recorded when complete, so an interrupted load resumes where it stopped.
  const progressName = `${markName}:loaded`;
  const resumeAt = Math.min(docCount, Number((await marker(client, progressName)) ?? 0) || 0);
  const method =
    how === 'api' ? 'through the Document API' : "with the driver, using the Document API's write statements";
  log(
    `loading ${docCount - resumeAt} documents into ${DOCS_NAMESPACE}.${collection} (${method})${resumeAt > 0 ? `, resuming at ${resumeAt}` : ''}…`,
  );
  const started = Date.now();
  let lastReport = Date.now();
  for (let from = resumeAt; from < docCount; from += LOAD_CHUNK) {
    const to = Math.min(docCount, from + LOAD_CHUNK);
    if (how === 'api') await loadChunkThroughApi(api, collection, docCount, from, to);
    else await loadChunkWithDriver(client, collection, docCount, from, to);
    await setMarker(client, progressName, String(to));
    if (Date.now() - lastReport > 15_000) {
      lastReport = Date.now();
      log(`…${to} / ${docCount} documents`);
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const loaded = docCount - resumeAt;
  log(`loaded ${loaded} documents in ${seconds.toFixed(0)} s (${(loaded / seconds).toFixed(0)} docs/s)`);
  await setMarker(client, markName, String(docCount));
  // Let the memtable flushes and SAI segment builds the load triggered settle before measuring.
  await new Promise((r) => setTimeout(r, docCount >= 20_000 ? 15_000 : 2_000));
  return collection;
}

async function loadChunkThroughApi(
  api: DocsApiAccess,
  collection: string,
  docCount: number,
  from: number,
  to: number,
): Promise<void> {
  const BATCH = 100;
  let next = from;
  const loader = async () => {
    for (let b = next; b < to; b = next) {
      next += BATCH;
      const batch = Array.from({ length: Math.min(BATCH, to - b) }, (_, j) => makeDoc(b + j, docCount));
      await withRetries(() =>
        docsCall(
          api,
          'POST',
          `/v2/namespaces/${DOCS_NAMESPACE}/collections/${collection}/batch?id-path=id`,
          batch,
        ),
      );
    }
  };
  await Promise.all(Array.from({ length: 4 }, loader));
}

async function loadChunkWithDriver(
  client: cassandra.Client,
  collection: string,
  docCount: number,
  from: number,
  to: number,
): Promise<void> {
  let next = from;
  const loader = async () => {
    for (let i = next++; i < to; i = next++) {
      const doc = makeDoc(i, docCount);
      const statements = writeStatements(
        { keyspace: DOCS_NAMESPACE, table: collection },
        String(doc.id),
        doc,
        0,
        nextWriteTimestamp(),
      );
      const queries = statements.map((q) => ({
        query: q.cql!,
        params: (q.values?.values ?? []).map(driverValue),
      }));
      await withRetries(() => client.batch(queries, { prepare: true, logged: false }));
    }
  };
  await Promise.all(Array.from({ length: DOC_LOAD_CONCURRENCY }, loader));
}
