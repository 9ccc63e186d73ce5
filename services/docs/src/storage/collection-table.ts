// One Cassandra table per collection: a partition per document holding the whole JSON in a static
// column (reads by id touch one row) and one clustering row per leaf, SAI-indexed for searches
// (docs/docs-storage-design.md).
import {
  buildCreateIndex,
  buildCreateTable,
  buildDropTable,
  type Statement,
} from '../../../common/src/cql/ddl.js';
import type { CqlTable__Output } from '../../../common/src/proto/generated/stargate/CqlTable.js';
import { BasicType } from '../../../common/src/proto/proto-enums.js';
import {
  similarityFunctionOf,
  VECTOR_COLUMN,
  type VectorSettings,
  vectorColumnType,
  vectorDimensionOf,
} from '../vector/vector-settings.js';

export const COLUMNS = {
  key: 'key',
  path: 'p',
  doc: 'doc',
  generalizedPath: 'gp',
  leaf: 'leaf',
  text: 'txt',
  number: 'dbl',
  boolean: 'bool',
  /** Only in a collection that declares a vector: the `$vector` row's vector (vector/vector-settings.ts). */
  vector: VECTOR_COLUMN,
} as const;

/** The clustering key of the row holding a document's vector (no leaf path can be `$vector`). */
export const VECTOR_ROW_PATH = '$vector';

/** The leaf-row columns that carry a storage-attached index. */
const INDEXED_COLUMNS = [
  COLUMNS.path,
  COLUMNS.generalizedPath,
  COLUMNS.leaf,
  COLUMNS.text,
  COLUMNS.number,
  COLUMNS.boolean,
] as const;

export function createCollectionStatements(
  keyspace: string,
  table: string,
  /** The table's comment (storage/collection-comment.ts), when it starts with one. */
  comment?: string,
  /** A collection with a vector: its column and an SAI index with the metric's similarity function. */
  vector?: VectorSettings,
): { table: Statement; indexes: Statement[] } {
  const indexes = INDEXED_COLUMNS.map((column) =>
    buildCreateIndex({
      keyspace,
      table,
      column,
      name: `${table}_${column}_idx`.slice(0, 220),
      customClass: 'StorageAttachedIndex',
      ifNotExists: true,
    }),
  );
  if (vector) {
    indexes.push(
      buildCreateIndex({
        keyspace,
        table,
        column: COLUMNS.vector,
        name: `${table}_${COLUMNS.vector}_idx`.slice(0, 220),
        customClass: 'StorageAttachedIndex',
        options: { similarity_function: similarityFunctionOf(vector.metric) },
        ifNotExists: true,
      }),
    );
  }
  return {
    table: buildCreateTable({
      keyspace,
      table,
      ifNotExists: true,
      comment,
      columns: [
        { name: COLUMNS.key, type: 'text' },
        { name: COLUMNS.path, type: 'text' },
        { name: COLUMNS.doc, type: 'text', isStatic: true },
        { name: COLUMNS.generalizedPath, type: 'text' },
        { name: COLUMNS.leaf, type: 'text' },
        { name: COLUMNS.text, type: 'text' },
        { name: COLUMNS.number, type: 'double' },
        { name: COLUMNS.boolean, type: 'boolean' },
        ...(vector ? [{ name: COLUMNS.vector, type: vectorColumnType(vector) }] : []),
      ],
      partitionKey: [COLUMNS.key],
      clusteringKey: [COLUMNS.path],
    }),
    indexes,
  };
}

export function dropCollectionStatement(keyspace: string, table: string): Statement {
  return buildDropTable({ keyspace, table });
}

const { VARCHAR, DOUBLE, BOOLEAN } = BasicType;

const expectedRegular: Record<string, number> = {
  [COLUMNS.generalizedPath]: VARCHAR,
  [COLUMNS.leaf]: VARCHAR,
  [COLUMNS.text]: VARCHAR,
  [COLUMNS.number]: DOUBLE,
  [COLUMNS.boolean]: BOOLEAN,
};

function basicOf(column: { type?: { basic?: unknown } }): number | undefined {
  const basic = column.type?.basic;
  if (typeof basic === 'number') return basic;
  if (basic === 'VARCHAR' || basic === 'TEXT') return VARCHAR;
  if (basic === 'DOUBLE') return DOUBLE;
  if (basic === 'BOOLEAN') return BOOLEAN;
  return undefined;
}

/**
 * A table is a collection iff it has exactly our columns (Stargate: CollectionManager.isValidCollectionTable),
 * and optionally the vector column of a collection that declares a vector.
 */
export function isCollectionTable(table: CqlTable__Output): boolean {
  const pk = table.partitionKeyColumns ?? [];
  const ck = table.clusteringKeyColumns ?? [];
  const statics = table.staticColumns ?? [];
  const regular = table.columns ?? [];
  if (pk.length !== 1 || pk[0]!.name !== COLUMNS.key || basicOf(pk[0]!) !== VARCHAR) return false;
  if (ck.length !== 1 || ck[0]!.name !== COLUMNS.path || basicOf(ck[0]!) !== VARCHAR) return false;
  if (statics.length !== 1 || statics[0]!.name !== COLUMNS.doc || basicOf(statics[0]!) !== VARCHAR)
    return false;
  const leafColumns = regular.filter((c) => c.name !== COLUMNS.vector);
  if (
    leafColumns.length < regular.length &&
    vectorDimensionOf(regular.find((c) => c.name === COLUMNS.vector)!) === undefined
  ) {
    return false;
  }
  if (leafColumns.length !== Object.keys(expectedRegular).length) return false;
  return leafColumns.every((c) => expectedRegular[c.name ?? ''] === basicOf(c));
}
