// Collections Stargate's Document API wrote, in its "shredded" layout (facts §4.2): one row per
// JSON leaf, partition key `key`, the path in clustering columns p0..p63, the value in `leaf`,
// `text_value`, `dbl_value`, `bool_value`. This API does not read that layout: such a collection
// is copied into a table of ours by `npm run migrate -- stargate-docs` (tools/migrate), and served
// from that table once the copy is complete. Cassandra cannot rename a table, and the Stargate
// table keeps its name (it stays readable while the copy runs), so the copy has a name of its own.

export const STARGATE_COLUMNS = {
  key: 'key',
  leaf: 'leaf',
  text: 'text_value',
  number: 'dbl_value',
  boolean: 'bool_value',
} as const;

/** The path column of depth `i` (p0, p1, …). */
export const pathColumn = (i: number): string => `p${i}`;

/** Suffix of the table holding a migrated collection's documents. */
const MIGRATED_TABLE_SUFFIX = '__migrated';
/** Cassandra's limit on table names (5.0). */
const MAX_TABLE_NAME_LENGTH = 222;

/** `books` → `books__migrated`, or undefined when that name would be too long for Cassandra. */
export function migratedTableName(collection: string): string | undefined {
  const name = `${collection}${MIGRATED_TABLE_SUFFIX}`;
  return name.length <= MAX_TABLE_NAME_LENGTH ? name : undefined;
}

export interface TableColumnNames {
  partitionKey: readonly string[];
  clustering: readonly string[];
  regular: readonly string[];
  static?: readonly string[];
}

/**
 * Stargate's test for a collection table (CollectionManager.isValidCollectionTable), by column
 * names: the one partition key `key`, clustering columns p0..pN in order, and the four value
 * columns. The value columns' names are Stargate's defaults (`stargate.document.table.*`).
 */
export function isStargateShreddedTable(table: TableColumnNames): boolean {
  if (table.partitionKey.length !== 1 || table.partitionKey[0] !== STARGATE_COLUMNS.key) return false;
  if (table.clustering.length === 0 || !table.clustering.every((name, i) => name === pathColumn(i))) {
    return false;
  }
  if (table.static?.length) return false;
  const values = [
    STARGATE_COLUMNS.leaf,
    STARGATE_COLUMNS.text,
    STARGATE_COLUMNS.number,
    STARGATE_COLUMNS.boolean,
  ];
  return table.regular.length === values.length && values.every((name) => table.regular.includes(name));
}

/** The command that migrates the collection, as a user pastes it. */
export function migrateCommand(namespace: string, collection: string): string {
  return `npm run migrate -- stargate-docs --namespace ${namespace} --collection ${collection}`;
}
