// A table of a cached keyspace description, shaped for building row queries: columns by name
// with their kind, whether an index covers them, and their JSON codecs (built once per
// description, per compactMapData mode). Descriptions are replaced when the schema changes, so
// models cached against them (WeakMap) never go stale.

import type { JsonCodec } from '../../../common/src/codecs/json-codec.js';
import { jsonCodecFor } from '../../../common/src/codecs/json-value.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { CqlTable__Output } from '../../../common/src/proto/generated/stargate/CqlTable.js';
import type { TypeSpec__Output } from '../../../common/src/proto/generated/stargate/TypeSpec.js';
import { BasicType } from '../../../common/src/proto/proto-enums.js';
import type { KeyspaceDescription } from '../../../common/src/schema/schema-cache.js';

export type ColumnKind = 'partition' | 'clustering' | 'static' | 'regular';

export class ColumnModel {
  private compactCodec: JsonCodec | undefined;
  private entryCodec: JsonCodec | undefined;

  constructor(
    readonly name: string,
    readonly type: TypeSpec__Output | undefined,
    readonly kind: ColumnKind,
    readonly indexed: boolean,
  ) {}

  get isPrimaryKey(): boolean {
    return this.kind === 'partition' || this.kind === 'clustering';
  }

  get isCounter(): boolean {
    return this.type?.basic === BasicType.COUNTER;
  }

  /** The column's JSON codec; maps as objects (compact) or as key/value entries. */
  codec(compactMapData: boolean): JsonCodec {
    if (compactMapData) {
      this.compactCodec ??= jsonCodecFor(this.type, { compactMapData: true });
      return this.compactCodec;
    }
    this.entryCodec ??= jsonCodecFor(this.type, { compactMapData: false });
    return this.entryCodec;
  }
}

export class TableModel {
  readonly columns = new Map<string, ColumnModel>();
  /** Partition key, clustering key, static, regular: the order of SELECT *. */
  readonly ordered: ColumnModel[];
  readonly partitionKey: ColumnModel[];
  readonly clusteringKey: ColumnModel[];
  /** Partition key then clustering key: the order of key values in a path. */
  readonly primaryKey: ColumnModel[];

  constructor(
    readonly keyspace: string,
    readonly table: CqlTable__Output,
  ) {
    const indexed = new Set((table.indexes ?? []).map((i) => i.columnName ?? ''));
    const make = (kind: ColumnKind) => (c: { name?: string; type?: TypeSpec__Output }) =>
      new ColumnModel(c.name ?? '', c.type, kind, indexed.has(c.name ?? ''));
    this.partitionKey = (table.partitionKeyColumns ?? []).map(make('partition'));
    this.clusteringKey = (table.clusteringKeyColumns ?? []).map(make('clustering'));
    this.ordered = [
      ...this.partitionKey,
      ...this.clusteringKey,
      ...(table.staticColumns ?? []).map(make('static')),
      ...(table.columns ?? []).map(make('regular')),
    ];
    this.primaryKey = [...this.partitionKey, ...this.clusteringKey];
    for (const c of this.ordered) this.columns.set(c.name, c);
  }

  get name(): string {
    return this.table.name ?? '';
  }

  column(name: string): ColumnModel | undefined {
    return this.columns.get(name);
  }

  /** Stargate's words for an unknown column (ToProtoConverter.getCodec). */
  unknownColumnMessage(name: string): string {
    return `Unknown field name '${name}' (table '${this.name}'); known fields: [${[...this.columns.keys()].join(', ')}]`;
  }
}

const tablesByDescription = new WeakMap<KeyspaceDescription, Map<string, TableModel>>();

export function findTableModel(description: KeyspaceDescription, table: string): TableModel | undefined {
  let tables = tablesByDescription.get(description);
  if (!tables) {
    const keyspace = description.cqlKeyspace?.name ?? '';
    tables = new Map((description.tables ?? []).map((t) => [t.name ?? '', new TableModel(keyspace, t)]));
    tablesByDescription.set(description, tables);
  }
  return tables.get(table);
}

export class TableNotFoundError extends ApiError {
  constructor(keyspace: string, table: string) {
    super('REST_TABLE_NOT_FOUND', { keyspace, table });
  }
}

export function requireTableModel(
  description: KeyspaceDescription,
  keyspace: string,
  table: string,
): TableModel {
  const model = findTableModel(description, table);
  if (!model) throw new TableNotFoundError(keyspace, table);
  return model;
}
