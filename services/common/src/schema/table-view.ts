// A table of a keyspace description as the HTTP APIs use it to translate requests and read rows:
// its columns by name with their kind (partition / clustering / static / regular), whether an
// index covers them, the primary key in order, and each column's JSON codecs (built once). REST,
// GraphQL and Docs read tables through this one view. Views are built once per description
// object: descriptions are replaced when a keyspace changes, so a view never goes stale.
import type { JsonCodec } from '../codecs/json-codec.js';
import { jsonCodecFor } from '../codecs/json-value.js';
import type { CqlKeyspaceDescribe__Output } from '../proto/generated/stargate/CqlKeyspaceDescribe.js';
import type { CqlTable__Output } from '../proto/generated/stargate/CqlTable.js';
import type { TypeSpec__Output } from '../proto/generated/stargate/TypeSpec.js';
import { BasicType } from '../proto/proto-enums.js';

export type ColumnKind = 'partition' | 'clustering' | 'static' | 'regular';

export class ColumnView {
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

export class TableView {
  readonly columns = new Map<string, ColumnView>();
  /** Partition key, clustering key, static, regular: the order of SELECT *. */
  readonly ordered: ColumnView[];
  readonly partitionKey: ColumnView[];
  readonly clusteringKey: ColumnView[];
  readonly staticColumns: ColumnView[];
  readonly regularColumns: ColumnView[];
  /** Partition key then clustering key: the order of key values in a path. */
  readonly primaryKey: ColumnView[];

  constructor(
    readonly keyspace: string,
    readonly table: CqlTable__Output,
    /** The hash of the keyspace description this view was read from (ExecuteQueryWithSchema's check). */
    readonly keyspaceHash = 0,
  ) {
    const indexed = new Set((table.indexes ?? []).map((i) => i.columnName ?? ''));
    const make = (kind: ColumnKind) => (c: { name?: string; type?: TypeSpec__Output }) =>
      new ColumnView(c.name ?? '', c.type, kind, indexed.has(c.name ?? ''));
    this.partitionKey = (table.partitionKeyColumns ?? []).map(make('partition'));
    this.clusteringKey = (table.clusteringKeyColumns ?? []).map(make('clustering'));
    this.staticColumns = (table.staticColumns ?? []).map(make('static'));
    this.regularColumns = (table.columns ?? []).map(make('regular'));
    this.ordered = [
      ...this.partitionKey,
      ...this.clusteringKey,
      ...this.staticColumns,
      ...this.regularColumns,
    ];
    this.primaryKey = [...this.partitionKey, ...this.clusteringKey];
    for (const c of this.ordered) this.columns.set(c.name, c);
  }

  get name(): string {
    return this.table.name ?? '';
  }

  column(name: string): ColumnView | undefined {
    return this.columns.get(name);
  }

  /** Stargate's words for an unknown column (ToProtoConverter.getCodec). */
  unknownColumnMessage(name: string): string {
    return `Unknown field name '${name}' (table '${this.name}'); known fields: [${[...this.columns.keys()].join(', ')}]`;
  }
}

const viewsByDescription = new WeakMap<CqlKeyspaceDescribe__Output, Map<string, TableView>>();

/** The views of every table of the description, by table name (built on first use). */
export function tableViews(description: CqlKeyspaceDescribe__Output): ReadonlyMap<string, TableView> {
  let views = viewsByDescription.get(description);
  if (!views) {
    const keyspace = description.cqlKeyspace?.name ?? '';
    const hash = description.hash?.value ?? 0;
    views = new Map((description.tables ?? []).map((t) => [t.name ?? '', new TableView(keyspace, t, hash)]));
    viewsByDescription.set(description, views);
  }
  return views;
}

/** The table's view, or undefined when the description has no such table. */
export function tableView(description: CqlKeyspaceDescribe__Output, table: string): TableView | undefined {
  return tableViews(description).get(table);
}
