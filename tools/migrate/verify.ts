// The final check of a migration: both tables hold the same number of documents, and a random
// sample of documents read back from our table equals the same documents rebuilt from Stargate's
// rows. Only a run that passes marks the collection complete (and the Document API serves it).
import { isDeepStrictEqual } from 'node:util';
import type cassandra from 'cassandra-driver';
import { qualifiedName, quoteIdentifier } from '../../services/common/src/cql/identifier.js';
import type { CollectionRef } from '../../services/docs/src/storage/document-store.js';
import { readByIdStatement } from '../../services/docs/src/storage/read-statements.js';
import { STARGATE_COLUMNS } from '../../services/docs/src/storage/stargate-collection.js';
import { rebuildDocument } from './document-rebuild.js';
import { readSourceRows, type SourceCollection } from './shredded-reader.js';
import { MIN_TOKEN, randomToken, splitRing } from './token-ranges.js';

export interface VerifyOptions {
  sampleSize: number;
  /** Token segments counted at once. */
  concurrency: number;
  random?: () => number;
}

export interface VerifyReport {
  sourceDocuments: number;
  targetDocuments: number;
  /** Documents compared. */
  sampled: number;
  /** Ids of sampled documents that differ (or are missing from our table). */
  mismatched: string[];
  ok: boolean;
}

export async function verifyMigration(
  client: cassandra.Client,
  source: SourceCollection,
  target: CollectionRef,
  options: VerifyOptions,
): Promise<VerifyReport> {
  const [sourceDocuments, targetDocuments] = await Promise.all([
    countDocuments(client, source.keyspace, source.table, options.concurrency),
    countDocuments(client, target.keyspace, target.table, options.concurrency),
  ]);
  const ids =
    sourceDocuments <= options.sampleSize
      ? await allIds(client, source)
      : await sampleIds(client, source, options.sampleSize, options.random);
  const mismatched: string[] = [];
  let sampled = 0;
  const compare = async () => {
    for (let id = ids.shift(); id !== undefined; id = ids.shift()) {
      const rows = await readSourceRows(client, source, id);
      if (rows.length === 0) continue; // deleted in Stargate since it was picked
      sampled++;
      const stored = await readTargetJson(client, target, id);
      if (stored === undefined || !isDeepStrictEqual(JSON.parse(stored), rebuildDocument(rows))) {
        mismatched.push(id);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, compare));
  return {
    sourceDocuments,
    targetDocuments,
    sampled,
    mismatched,
    ok: sourceDocuments === targetDocuments && mismatched.length === 0,
  };
}

/** Partitions (documents) of a table, counted per token segment, `concurrency` segments at a time. */
export async function countDocuments(
  client: cassandra.Client,
  keyspace: string,
  table: string,
  concurrency: number,
): Promise<number> {
  const key = quoteIdentifier(STARGATE_COLUMNS.key);
  const cql = `SELECT DISTINCT ${key} FROM ${qualifiedName(keyspace, table)} WHERE token(${key}) >= ? AND token(${key}) <= ?`;
  const ranges = splitRing(64);
  let total = 0;
  const worker = async () => {
    for (let range = ranges.shift(); range; range = ranges.shift()) {
      const result = await client.execute(cql, [range.first.toString(), range.last.toString()], {
        prepare: true,
        fetchSize: 5000,
      });
      for await (const _ of result) total++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return total;
}

/** Every id of a (small) collection. */
async function allIds(client: cassandra.Client, source: SourceCollection): Promise<string[]> {
  const key = quoteIdentifier(STARGATE_COLUMNS.key);
  const result = await client.execute(
    `SELECT DISTINCT ${key} FROM ${qualifiedName(source.keyspace, source.table)}`,
    [],
    {
      prepare: true,
    },
  );
  const ids: string[] = [];
  for await (const row of result) ids.push(row.get(STARGATE_COLUMNS.key) as string);
  return ids;
}

/** Up to `count` distinct ids at random places of the ring. */
async function sampleIds(
  client: cassandra.Client,
  source: SourceCollection,
  count: number,
  random?: () => number,
): Promise<string[]> {
  const key = quoteIdentifier(STARGATE_COLUMNS.key);
  const cql = `SELECT DISTINCT ${key} FROM ${qualifiedName(source.keyspace, source.table)} WHERE token(${key}) >= ? LIMIT 1`;
  const ids = new Set<string>();
  // Random starting points land on the same document now and then: a bounded number of tries.
  for (let attempt = 0; ids.size < count && attempt < count * 4; attempt++) {
    let result = await client.execute(cql, [randomToken(random).toString()], { prepare: true });
    // Past the last document: wrap around to the first.
    if (result.rows.length === 0)
      result = await client.execute(cql, [MIN_TOKEN.toString()], { prepare: true });
    const id = result.rows[0]?.get(STARGATE_COLUMNS.key) as string | undefined;
    if (id !== undefined) ids.add(id);
  }
  return [...ids];
}

async function readTargetJson(
  client: cassandra.Client,
  target: CollectionRef,
  id: string,
): Promise<string | undefined> {
  const statement = readByIdStatement(target, id, false);
  const result = await client.execute(statement.cql, [id], { prepare: true });
  return (result.rows[0]?.get('doc') as string | null | undefined) ?? undefined;
}
