// Namespaces are keyspaces and collections are tables of our shape (storage/collection-table.ts),
// read through common's TableView. Freshness is the shared SchemaCache's: a keyspace's description
// (or its absence) is revalidated with the bridge (one DescribeKeyspace by hash, answered empty
// when unchanged, shared by concurrent requests) at most once per `maxStalenessMs`, so collections
// and JSON schemas changed through another replica are seen within that time without a round trip
// on every request.
// A collection Stargate wrote (its shredded table) answers 409 with the command that migrates it,
// and is served from the table the migration filled once it is complete (storage/stargate-collection.ts).

import type { BridgeClient } from '../../../common/src/bridge/bridge-client.js';
import { buildAlterTableComment, buildDropTable, type Statement } from '../../../common/src/cql/ddl.js';
import { toQuery } from '../../../common/src/cql/select.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { CqlTable__Output } from '../../../common/src/proto/generated/stargate/CqlTable.js';
import { COMMENT_OMITTED_OPTION } from '../../../common/src/schema/omitted-comment.js';
import type { KeyspaceDescription, SchemaCache } from '../../../common/src/schema/schema-cache.js';
import { type TableView, tableView, tableViews } from '../../../common/src/schema/table-view.js';
import type { Json } from '../document/json-tree.js';
import { parseCollectionComment, renderCollectionComment } from '../storage/collection-comment.js';
import {
  createCollectionStatements,
  dropCollectionStatement,
  isCollectionTable,
} from '../storage/collection-table.js';
import type { CollectionRef } from '../storage/document-store.js';
import { bridgeOptions, type RequestContext } from '../storage/request-context.js';
import {
  isStargateShreddedTable,
  migrateCommand,
  migratedTableName,
} from '../storage/stargate-collection.js';
import { type VectorSettings, vectorSettingsOf } from '../vector/vector-settings.js';
import { compileJsonSchema, unreadableSchema } from './json-schema-validator.js';

export interface Collection extends CollectionRef {
  /** The collection's JSON schema, when one is set. */
  jsonSchema?: Json;
  /** Set when the documents were migrated from Stargate's table of this name (`table` holds them). */
  migratedFrom?: string;
  /** The vector its documents may carry and searches sort by, when the collection declares one. */
  vector?: VectorSettings;
}

/** A collection as the listing shows it. */
export interface CollectionEntry {
  name: string;
  vector?: VectorSettings;
}

const NAME = /^\w+$/;

/** A table that exists but is not of our shape. */
const NOT_A_COLLECTION = 'not-a-collection';
/** Stargate's shredded table, not migrated (yet). */
interface NotMigrated {
  notMigrated: true;
  copying: boolean;
}
type Resolved = Collection | typeof NOT_A_COLLECTION | NotMigrated | undefined;

/**
 * Collections resolved from one keyspace description. A description object is replaced when its
 * keyspace changes, so the entries stay right; keeping them spares every request a search of the
 * tables and a JSON.parse of the table comment (the JSON schema).
 */
const resolved = new WeakMap<KeyspaceDescription, Map<string, Resolved>>();

function resolve(description: KeyspaceDescription, namespace: string, collection: string): Resolved {
  let byName = resolved.get(description);
  if (!byName) {
    byName = new Map();
    resolved.set(description, byName);
  }
  if (byName.has(collection)) return byName.get(collection);
  const found = resolveTable(description, namespace, collection);
  // Only names that exist are kept: unknown names from URLs must not grow the map.
  if (found !== undefined) byName.set(collection, found);
  return found;
}

function resolveTable(description: KeyspaceDescription, namespace: string, collection: string): Resolved {
  const view = tableView(description, collection);
  const targetName = migratedTableName(collection);
  const target = targetName === undefined ? undefined : tableView(description, targetName)?.table;
  const migration = target && isCollectionTable(target) ? commentOf(target) : undefined;
  const isTargetOf = migration?.migratedFrom === collection;
  if (isTargetOf && migration?.migration === 'complete') {
    // Served from the migrated table, also once the Stargate table has been dropped.
    return {
      keyspace: namespace,
      table: targetName!,
      jsonSchema: migration.schema,
      migratedFrom: collection,
      vector: target && vectorSettingsOf(target),
    };
  }
  if (!view) return undefined;
  const table = view.table;
  if (isCollectionTable(table)) {
    const comment = commentOf(table);
    // A migration's table is reached through the name of the collection it holds.
    if (comment.migratedFrom !== undefined) return NOT_A_COLLECTION;
    return {
      keyspace: namespace,
      table: collection,
      jsonSchema: comment.schema,
      vector: vectorSettingsOf(table),
    };
  }
  if (isStargateShreddedTable(columnNames(view))) return { notMigrated: true, copying: isTargetOf };
  return NOT_A_COLLECTION;
}

export class Collections {
  constructor(
    private readonly bridge: BridgeClient,
    private readonly cache: SchemaCache,
    private readonly maxStalenessMs = 1000,
  ) {}

  /** The keyspace's description, or DATASTORE_KEYSPACE_DOES_NOT_EXIST. */
  async describe(ctx: RequestContext, namespace: string, fresh = false): Promise<KeyspaceDescription> {
    const options = bridgeOptions(ctx, true);
    const description = fresh
      ? await this.cache.refresh(namespace, options)
      : await this.cache.get(namespace, options, { maxAgeMs: this.maxStalenessMs });
    if (!description) throw new ApiError('DATASTORE_KEYSPACE_DOES_NOT_EXIST', { namespace });
    return description;
  }

  /** Collections this API serves: its own tables, and Stargate's once migrated (by their name). */
  async list(ctx: RequestContext, namespace: string): Promise<CollectionEntry[]> {
    const tables = collectionTables(await this.describe(ctx, namespace, true));
    return [...tables].map(([name, table]) => {
      const vector = vectorSettingsOf(table);
      return vector ? { name, vector } : { name };
    });
  }

  /** The collections with their JSON schemas, and the hash of the description they come from. */
  async withSchemas(
    ctx: RequestContext,
    namespace: string,
  ): Promise<{ hash: number; collections: Array<{ name: string; jsonSchema?: Json }> }> {
    const description = await this.describe(ctx, namespace, true);
    const collections: Array<{ name: string; jsonSchema?: Json }> = [];
    for (const name of collectionTables(description).keys()) {
      const found = resolve(description, namespace, name);
      if (found && typeof found === 'object' && !('notMigrated' in found)) {
        collections.push(found.jsonSchema === undefined ? { name } : { name, jsonSchema: found.jsonSchema });
      }
    }
    return { hash: description.hash?.value ?? 0, collections };
  }

  /** The collection, or a 404 (namespace / collection) or 400 (a table that is not a collection). */
  async get(ctx: RequestContext, namespace: string, collection: string): Promise<Collection> {
    const found = await this.find(ctx, namespace, collection);
    if (!found) throw new ApiError('DATASTORE_TABLE_DOES_NOT_EXIST', { collection });
    return found;
  }

  /** The collection, created first if it does not exist (document writes do this, as Stargate's). */
  async ensure(ctx: RequestContext, namespace: string, collection: string): Promise<Collection> {
    const found = await this.find(ctx, namespace, collection);
    if (found) return found;
    await this.createTable(ctx, namespace, collection);
    return this.get(ctx, namespace, collection);
  }

  /** POST collections: 409 when it exists. With `vector`, its documents may carry a `$vector`. */
  async create(
    ctx: RequestContext,
    namespace: string,
    collection: string,
    vector?: VectorSettings,
  ): Promise<void> {
    if (!NAME.test(collection)) throw new ApiError('DATASTORE_TABLE_NAME_INVALID', { collection });
    if (await this.find(ctx, namespace, collection)) {
      throw new ApiError('DOCS_COLLECTION_ALREADY_EXISTS', { collection });
    }
    await this.createTable(ctx, namespace, collection, vector);
  }

  async drop(ctx: RequestContext, namespace: string, collection: string): Promise<void> {
    const found = await this.get(ctx, namespace, collection);
    await this.run(ctx, namespace, dropCollectionStatement(namespace, found.table));
    if (found.migratedFrom !== undefined) {
      // Stargate's table of the collection goes too, or the collection would come back as a 409.
      await this.run(
        ctx,
        namespace,
        buildDropTable({ keyspace: namespace, table: collection, ifExists: true }),
      );
    }
  }

  async setJsonSchema(
    ctx: RequestContext,
    namespace: string,
    collection: string,
    schema: Json,
  ): Promise<void> {
    const found = await this.get(ctx, namespace, collection);
    compileJsonSchema(schema);
    const comment = renderCollectionComment(
      found.migratedFrom === undefined
        ? { schema }
        : { schema, migratedFrom: found.migratedFrom, migration: 'complete' },
    );
    await this.run(
      ctx,
      namespace,
      buildAlterTableComment({ keyspace: namespace, table: found.table, comment }),
    );
  }

  private async find(
    ctx: RequestContext,
    namespace: string,
    collection: string,
  ): Promise<Collection | undefined> {
    let found = resolve(await this.describe(ctx, namespace), namespace, collection);
    if (!found || (typeof found === 'object' && 'notMigrated' in found)) {
      // Created (or its migration completed) since we last looked? Ask once more before a 404 or 409.
      found = resolve(await this.describe(ctx, namespace, true), namespace, collection);
      if (!found) return undefined;
    }
    if (found === NOT_A_COLLECTION) {
      throw new ApiError('DOCS_API_GENERAL_TABLE_NOT_A_COLLECTION', { namespace, collection });
    }
    if ('notMigrated' in found) {
      throw new ApiError('DOCS_STARGATE_COLLECTION_NOT_MIGRATED', {
        collection,
        progress: found.copying ? ' (a migration has started and not completed)' : '',
        command: migrateCommand(namespace, collection),
      });
    }
    return found;
  }

  private async createTable(
    ctx: RequestContext,
    namespace: string,
    collection: string,
    vector?: VectorSettings,
  ): Promise<void> {
    if (!NAME.test(collection)) throw new ApiError('DATASTORE_TABLE_NAME_INVALID', { collection });
    const statements = createCollectionStatements(namespace, collection, undefined, vector);
    await this.run(ctx, namespace, statements.table);
    // The indexes of a new, empty table build at once; creating them together saves round trips.
    await Promise.all(statements.indexes.map((index) => this.run(ctx, namespace, index)));
  }

  /** A schema statement; the cached description of the keyspace is dropped after it. */
  private async run(ctx: RequestContext, namespace: string, statement: Statement): Promise<void> {
    try {
      await this.bridge.executeQuery(toQuery(statement), bridgeOptions(ctx, false));
      ctx.recorder?.record('Schema', statement.cql, 0);
    } finally {
      this.cache.invalidate(namespace);
    }
  }
}

/**
 * Collections this API serves by name, sorted: its own tables, and Stargate's once migrated (by their
 * old name, with the table that now holds them).
 */
function collectionTables(description: KeyspaceDescription): Map<string, CqlTable__Output> {
  const tables = new Map<string, CqlTable__Output>();
  for (const view of tableViews(description).values()) {
    if (!isCollectionTable(view.table)) continue;
    const comment = commentOf(view.table);
    if (comment.migratedFrom === undefined) tables.set(view.name, view.table);
    else if (comment.migration === 'complete') tables.set(comment.migratedFrom, view.table);
  }
  return new Map([...tables].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function commentOf(table: CqlTable__Output) {
  const options = table.options as Record<string, string> | undefined;
  const omitted = options?.[COMMENT_OMITTED_OPTION];
  // Too long for the bridge to describe: the schema it may hold cannot be read, so writes are refused.
  if (omitted !== undefined) return { schema: unreadableSchema(Number(omitted)) };
  return parseCollectionComment(options?.comment);
}

function columnNames(view: TableView) {
  const names = (columns: readonly { name: string }[]) => columns.map((c) => c.name);
  return {
    partitionKey: names(view.partitionKey),
    clustering: names(view.clusteringKey),
    regular: names(view.regularColumns),
    static: names(view.staticColumns),
  };
}
