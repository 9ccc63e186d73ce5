// Copies the token segments of a collection not done yet, `concurrency` at a time, one document
// write in flight per segment: rows read in token order, each document rebuilt (document-rebuild.ts)
// and written with the Document API's statements, the segment's place recorded every so often.
// Without a progress store (a dry run) the documents are only rebuilt and checked.
import type cassandra from 'cassandra-driver';
import { ApiError } from '../../services/common/src/errors/api-error.js';
import type { Json } from '../../services/docs/src/document/json-tree.js';
import type { CollectionRef } from '../../services/docs/src/storage/document-store.js';
import { documentTtlSeconds, rebuildDocument } from './document-rebuild.js';
import { documentWriteStatements, writeDocument } from './document-write.js';
import type { MigrationProgress } from './migrate-collection.js';
import type { CollectionProgress, ProgressStore, SegmentProgress } from './progress-store.js';
import { documentsInRange, type SourceCollection } from './shredded-reader.js';

/** A segment records where it is after this many documents, or this long, whichever comes first. */
const CHECKPOINT_EVERY_DOCUMENTS = 100;
const CHECKPOINT_EVERY_MS = 2000;

export interface DocumentFailure {
  id: string;
  reason: string;
}

export interface CopyOptions {
  collection: string;
  concurrency: number;
  signal?: AbortSignal;
  onProgress?: (progress: MigrationProgress) => void;
}

export interface CopyResult {
  documents: number;
  rows: number;
  failures: DocumentFailure[];
}

/**
 * Copies (or, without a store, only reads and checks) the segments not done yet, `concurrency`
 * at a time. A document that cannot be stored here is reported and its segment stays not done
 * from that document on, so a later run tries it again.
 */
export async function copySegments(
  client: cassandra.Client,
  source: SourceCollection,
  target: CollectionRef,
  progress: CollectionProgress,
  options: CopyOptions,
  startedAt: number,
  store: ProgressStore | undefined,
): Promise<CopyResult> {
  const result: CopyResult = { documents: 0, rows: 0, failures: [] };
  const pending = progress.segments.filter((s) => !s.done);
  // A worker that fails (Cassandra unreachable, say) stops the others after their current document,
  // so nothing keeps writing once the run has reported the error; recorded progress stays valid.
  let failed = false;
  const tell = () =>
    options.onProgress?.({
      collection: options.collection,
      dryRun: store === undefined,
      documents: sum(progress.segments.map((s) => s.documents)),
      documentsThisRun: result.documents,
      segmentsDone: progress.segments.filter((s) => s.done).length,
      segments: progress.segments.length,
      failures: result.failures.length,
      startedAt,
    });

  const copySegment = async (segment: SegmentProgress): Promise<void> => {
    let sinceCheckpoint = 0;
    let checkpointAt = Date.now();
    let firstFailure: bigint | undefined;
    for await (const doc of documentsInRange(client, source, segment.next, segment.last)) {
      if (options.signal?.aborted || failed) {
        await store?.checkpoint(options.collection, { ...segment, next: firstFailure ?? doc.token });
        return;
      }
      if (
        firstFailure === undefined &&
        store &&
        (sinceCheckpoint >= CHECKPOINT_EVERY_DOCUMENTS || Date.now() - checkpointAt >= CHECKPOINT_EVERY_MS)
      ) {
        segment.next = doc.token;
        await store.checkpoint(options.collection, segment);
        sinceCheckpoint = 0;
        checkpointAt = Date.now();
      }
      result.rows += doc.rows.length;
      try {
        const json: Json = rebuildDocument(doc.rows);
        const ttl = documentTtlSeconds(doc.rows);
        if (store) await writeDocument(client, target, doc.id, json, ttl);
        else documentWriteStatements(target, doc.id, json, ttl); // throws what a write would refuse
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        result.failures.push({ id: doc.id, reason: err.message });
        firstFailure ??= doc.token;
        tell();
        continue;
      }
      segment.documents++;
      result.documents++;
      sinceCheckpoint++;
      tell();
    }
    segment.done = firstFailure === undefined;
    if (firstFailure !== undefined) segment.next = firstFailure;
    await store?.checkpoint(options.collection, segment);
    tell();
  };

  const worker = async () => {
    for (let s = pending.shift(); s && !options.signal?.aborted && !failed; s = pending.shift()) {
      try {
        await copySegment(s);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const settled = await Promise.allSettled(
    Array.from({ length: Math.max(1, Math.min(options.concurrency, pending.length)) }, worker),
  );
  const error = settled.find((s) => s.status === 'rejected');
  if (error) throw error.reason;
  return result;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
