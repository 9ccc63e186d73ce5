// A migration's progress, kept in Cassandra next to the data (table `stargate_docs_migration` of
// the namespace, so it has the keyspace's replication and goes with it), so a run that stops —
// Ctrl-C, a crash, a lost connection — resumes where it was. One partition per collection, one row
// per token segment: the documents of the segment with a token below `next_token` are written.
import type cassandra from 'cassandra-driver';
import { qualifiedName } from '../../services/common/src/cql/identifier.js';
import type { TokenRange } from './token-ranges.js';

export const PROGRESS_TABLE = 'stargate_docs_migration';

export interface SegmentProgress {
  segment: number;
  first: bigint;
  last: bigint;
  /** Where the copy of this segment resumes (documents before it are written). */
  next: bigint;
  /** Documents written in this segment so far. */
  documents: number;
  done: boolean;
}

export interface CollectionProgress {
  segments: SegmentProgress[];
  completedAt?: Date;
}

/** The progress of segments nothing has been copied from yet. */
export function unstartedSegments(ranges: readonly TokenRange[]): SegmentProgress[] {
  return ranges.map((r, segment) => ({
    segment,
    first: r.first,
    last: r.last,
    next: r.first,
    documents: 0,
    done: false,
  }));
}

export class ProgressStore {
  private readonly table: string;

  private constructor(
    private readonly client: cassandra.Client,
    keyspace: string,
  ) {
    this.table = qualifiedName(keyspace, PROGRESS_TABLE);
  }

  /** The store of the keyspace, creating its table the first time. */
  static async open(client: cassandra.Client, keyspace: string): Promise<ProgressStore> {
    const store = new ProgressStore(client, keyspace);
    await client.execute(
      `CREATE TABLE IF NOT EXISTS ${store.table} (collection text, segment int, started_at timestamp static, ` +
        'completed_at timestamp static, first_token bigint, last_token bigint, next_token bigint, ' +
        'documents bigint, done boolean, PRIMARY KEY ((collection), segment)) ' +
        "WITH comment = 'Progress of npm run migrate -- stargate-docs (tools/migrate)'",
    );
    return store;
  }

  /** The recorded progress of the collection, or undefined when no run started it. */
  async load(collection: string): Promise<CollectionProgress | undefined> {
    const result = await this.client.execute(
      `SELECT segment, first_token, last_token, next_token, documents, done, completed_at FROM ${this.table} WHERE collection = ?`,
      [collection],
      { prepare: true },
    );
    const segments: SegmentProgress[] = [];
    let completedAt: Date | undefined;
    for (const row of result.rows) {
      completedAt = (row.get('completed_at') as Date | null) ?? undefined;
      if (row.get('segment') === null) continue;
      segments.push({
        segment: row.get('segment') as number,
        first: BigInt(String(row.get('first_token'))),
        last: BigInt(String(row.get('last_token'))),
        next: BigInt(String(row.get('next_token'))),
        documents: Number(String(row.get('documents') ?? 0)),
        done: row.get('done') === true,
      });
    }
    return segments.length ? { segments, completedAt } : undefined;
  }

  /** Forgets any earlier run of the collection and records the segments of a new one. */
  async start(collection: string, ranges: TokenRange[]): Promise<CollectionProgress> {
    await this.client.execute(`DELETE FROM ${this.table} WHERE collection = ?`, [collection], {
      prepare: true,
    });
    const segments = unstartedSegments(ranges);
    // One partition: one batch, applied at once.
    await this.client.batch(
      [
        {
          query: `INSERT INTO ${this.table} (collection, started_at) VALUES (?, ?)`,
          params: [collection, new Date()],
        },
        ...segments.map((s) => ({ query: this.checkpointCql(), params: checkpointParams(collection, s) })),
      ],
      { prepare: true, logged: false },
    );
    return { segments };
  }

  async checkpoint(collection: string, s: SegmentProgress): Promise<void> {
    await this.client.execute(this.checkpointCql(), checkpointParams(collection, s), { prepare: true });
  }

  private checkpointCql(): string {
    return `INSERT INTO ${this.table} (collection, segment, first_token, last_token, next_token, documents, done) VALUES (?, ?, ?, ?, ?, ?, ?)`;
  }

  async markComplete(collection: string): Promise<void> {
    await this.client.execute(
      `UPDATE ${this.table} SET completed_at = ? WHERE collection = ?`,
      [new Date(), collection],
      {
        prepare: true,
      },
    );
  }
}

function checkpointParams(collection: string, s: SegmentProgress): unknown[] {
  return [
    collection,
    s.segment,
    s.first.toString(),
    s.last.toString(),
    s.next.toString(),
    s.documents,
    s.done,
  ];
}
