// Migrates one Stargate collection: its documents are read segment by segment from the shredded
// table (only read, never locked or changed: Stargate keeps serving it), rebuilt, and written into the
// collection's table of ours; each segment's progress is recorded in Cassandra, so a stopped run
// resumes. At most `concurrency` segments are copied at once, one document write in flight each.
// After the last segment, verify.ts compares the tables; only then is the collection marked
// complete and served by the Document API.
import type cassandra from 'cassandra-driver';
import type { Json } from '../../services/docs/src/document/json-tree.js';
import { compileJsonSchema } from '../../services/docs/src/schema/json-schema-validator.js';
import type { CollectionRef } from '../../services/docs/src/storage/document-store.js';
import { type CollectionProgress, ProgressStore, unstartedSegments } from './progress-store.js';
import { copySegments, type DocumentFailure } from './segment-copy.js';
import { describeSource, type SourceCollection } from './shredded-reader.js';
import {
  createTarget,
  MigrationError,
  readTargetState,
  setTargetState,
  targetOf,
  truncateTarget,
} from './target-collection.js';
import { MURMUR3_PARTITIONER, splitRing } from './token-ranges.js';
import { type VerifyReport, verifyMigration } from './verify.js';

/** Token segments a collection is cut into: the unit of progress and of parallel work. */
export const SEGMENTS = 64;

export interface MigrateOptions {
  namespace: string;
  collection: string;
  /** Segments copied at once (= document writes in flight). */
  concurrency: number;
  /** Read and rebuild every document, report, write nothing. */
  dryRun?: boolean;
  /** Forget earlier progress and copy everything again into an emptied table. */
  restart?: boolean;
  /** Documents compared by the final check. */
  sampleSize?: number;
  /** Stops the run after the documents in flight (their segments' progress is recorded). */
  signal?: AbortSignal;
  onProgress?: (progress: MigrationProgress) => void;
}

export interface MigrationProgress {
  collection: string;
  /** A dry run: documents are read and checked, not written. */
  dryRun: boolean;
  /** Documents written by this run and the earlier ones. */
  documents: number;
  /** Of which by this run. */
  documentsThisRun: number;
  segmentsDone: number;
  segments: number;
  failures: number;
  startedAt: number;
}

/**
 * complete: copied and verified (served by the Document API); interrupted: stopped, run again to
 * resume; failed: some documents cannot be stored here (listed); mismatch: the final check failed.
 */
export type MigrationStatus = 'complete' | 'interrupted' | 'failed' | 'mismatch' | 'dry-run';

export interface MigrationReport {
  collection: string;
  target: CollectionRef;
  status: MigrationStatus;
  /** Documents written (dry run: read and checked) by this run. */
  documentsThisRun: number;
  /** Documents written by earlier runs this one resumed after. */
  documentsBefore: number;
  /** Shredded rows read (dry run only). */
  rowsRead?: number;
  failures: DocumentFailure[];
  verification?: VerifyReport;
  /** When the collection was found migrated already (by an earlier run, at that time). */
  alreadyComplete?: Date;
  warnings: string[];
  elapsedMs: number;
  /** Of which copying documents (the rest: creating the table, recording progress, the check). */
  copyMs: number;
  verifyMs: number;
}

export async function migrateCollection(
  client: cassandra.Client,
  options: MigrateOptions,
): Promise<MigrationReport> {
  const startedAt = Date.now();
  const { namespace, collection } = options;
  await checkPartitioner(client);
  const source = await describeSource(client, namespace, collection);
  if (!source) {
    throw new MigrationError(`${namespace}.${collection} is not a collection in Stargate's shredded layout`);
  }
  const target = targetOf(namespace, collection);
  const warnings: string[] = [];
  const jsonSchema = usableJsonSchema(source.jsonSchema, warnings);
  const report = (fields: Partial<MigrationReport> & Pick<MigrationReport, 'status'>): MigrationReport => ({
    collection,
    target,
    documentsThisRun: 0,
    documentsBefore: 0,
    failures: [],
    warnings,
    elapsedMs: Date.now() - startedAt,
    copyMs: 0,
    verifyMs: 0,
    ...fields,
  });

  if (options.dryRun) {
    const scan = await copySegments(client, source, target, freshSegments(), options, startedAt, undefined);
    return report({
      status: 'dry-run',
      documentsThisRun: scan.documents,
      rowsRead: scan.rows,
      failures: scan.failures,
    });
  }

  const state = await readTargetState(client, target, collection);
  const store = await ProgressStore.open(client, namespace);
  let progress = await store.load(collection);
  if (!state.exists) {
    await createTarget(client, target, collection, jsonSchema);
    progress = undefined; // progress of a table that is gone means nothing
  } else if (options.restart) {
    await setTargetState(client, target, collection, jsonSchema, 'copying');
    await truncateTarget(client, target);
    progress = undefined;
  }
  if (state.exists && state.state === 'complete' && progress?.completedAt && !options.restart) {
    // Served by the Document API since, maybe written to there: nothing left to compare it with.
    return report({ status: 'complete', alreadyComplete: progress.completedAt });
  }
  progress ??= await store.start(collection, splitRing(SEGMENTS));

  const documentsBefore = sum(progress.segments.map((s) => s.documents));
  const copyStart = Date.now();
  const copy = await copySegments(client, source, target, progress, options, copyStart, store);
  const copied = {
    documentsThisRun: copy.documents,
    documentsBefore,
    failures: copy.failures,
    copyMs: Date.now() - copyStart,
  };
  if (options.signal?.aborted || progress.segments.some((s) => !s.done)) {
    const status = options.signal?.aborted || copy.failures.length === 0 ? 'interrupted' : 'failed';
    return report({ status, ...copied });
  }
  const verifyStart = Date.now();
  const verification = await verify(client, source, target, options);
  const verifyMs = Date.now() - verifyStart;
  if (verification.ok) {
    await store.markComplete(collection);
    await setTargetState(client, target, collection, jsonSchema, 'complete');
  }
  return report({ status: verification.ok ? 'complete' : 'mismatch', ...copied, verification, verifyMs });
}

function verify(
  client: cassandra.Client,
  source: SourceCollection,
  target: CollectionRef,
  options: MigrateOptions,
): Promise<VerifyReport> {
  return verifyMigration(client, source, target, {
    sampleSize: options.sampleSize ?? 100,
    concurrency: options.concurrency,
  });
}

/** Segments of a run that has recorded nothing (a dry run). */
function freshSegments(): CollectionProgress {
  return { segments: unstartedSegments(splitRing(SEGMENTS)) };
}

/** The Stargate collection's JSON schema, if this API's validator accepts it (else a warning). */
function usableJsonSchema(schema: Json | undefined, warnings: string[]): Json | undefined {
  if (schema === undefined) return undefined;
  try {
    compileJsonSchema(schema);
    return schema;
  } catch (err) {
    warnings.push(
      `the collection's JSON schema is not carried over (${(err as Error).message}); set one with PUT …/json-schema`,
    );
    return undefined;
  }
}

async function checkPartitioner(client: cassandra.Client): Promise<void> {
  const result = await client.execute('SELECT partitioner FROM system.local');
  const partitioner = result.rows[0]?.get('partitioner') as string | undefined;
  if (partitioner !== MURMUR3_PARTITIONER) {
    throw new MigrationError(
      `the cluster uses ${partitioner}; this tool reads token ranges of ${MURMUR3_PARTITIONER} only`,
    );
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
