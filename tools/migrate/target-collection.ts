// The table a migrated collection's documents go to: a collection table of ours (created with the
// Document API's own statements) named `<collection>__migrated`, whose comment names the Stargate
// collection and says whether the copy is complete. The Document API serves the collection from it
// only once it says `complete` (services/docs/src/schema/collections.ts); until then it answers 409.
import type cassandra from 'cassandra-driver';
import { buildAlterTableComment, type Statement } from '../../services/common/src/cql/ddl.js';
import { qualifiedName } from '../../services/common/src/cql/identifier.js';
import type { Json } from '../../services/docs/src/document/json-tree.js';
import {
  type MigrationState,
  parseCollectionComment,
  renderCollectionComment,
} from '../../services/docs/src/storage/collection-comment.js';
import { createCollectionStatements } from '../../services/docs/src/storage/collection-table.js';
import type { CollectionRef } from '../../services/docs/src/storage/document-store.js';
import { migratedTableName } from '../../services/docs/src/storage/stargate-collection.js';

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export interface TargetState {
  exists: boolean;
  /** The state its comment records, when it is a migration target of this collection. */
  state?: MigrationState;
}

export function targetOf(keyspace: string, collection: string): CollectionRef {
  const table = migratedTableName(collection);
  if (table === undefined) {
    throw new MigrationError(
      `the collection name ${collection} is too long to give its migrated table a name`,
    );
  }
  return { keyspace, table };
}

/** What the target table holds now; refuses a table of that name that is not this migration's. */
export async function readTargetState(
  client: cassandra.Client,
  target: CollectionRef,
  collection: string,
): Promise<TargetState> {
  const result = await client.execute(
    'SELECT comment FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?',
    [target.keyspace, target.table],
  );
  const row = result.rows[0];
  if (!row) return { exists: false };
  const comment = parseCollectionComment(row.get('comment') as string | undefined);
  if (comment.migratedFrom !== collection) {
    throw new MigrationError(
      `the table ${target.keyspace}.${target.table} exists and does not hold a migration of ${collection}; ` +
        'rename or drop it before migrating',
    );
  }
  return { exists: true, state: comment.migration };
}

/** Creates the table (state `copying`), with the Stargate collection's JSON schema if it had one. */
export async function createTarget(
  client: cassandra.Client,
  target: CollectionRef,
  collection: string,
  jsonSchema: Json | undefined,
): Promise<void> {
  const comment = renderCollectionComment({
    schema: jsonSchema,
    migratedFrom: collection,
    migration: 'copying',
  });
  const statements = createCollectionStatements(target.keyspace, target.table, comment);
  await run(client, statements.table);
  // The indexes of a new, empty table build at once; created together, as the Document API does.
  await Promise.all(statements.indexes.map((index) => run(client, index)));
}

export async function setTargetState(
  client: cassandra.Client,
  target: CollectionRef,
  collection: string,
  jsonSchema: Json | undefined,
  state: MigrationState,
): Promise<void> {
  const comment = renderCollectionComment({ schema: jsonSchema, migratedFrom: collection, migration: state });
  await run(client, buildAlterTableComment({ keyspace: target.keyspace, table: target.table, comment }));
}

/** Empties the table, for a migration that starts over. */
export async function truncateTarget(client: cassandra.Client, target: CollectionRef): Promise<void> {
  await client.execute(`TRUNCATE ${qualifiedName(target.keyspace, target.table)}`);
}

/** A schema statement (they bind no values). */
async function run(client: cassandra.Client, statement: Statement): Promise<void> {
  await client.execute(statement.cql);
}
