import { describe, expect, it } from 'vitest';
import type { ColumnSpec__Output } from '../../../../services/common/src/proto/generated/stargate/ColumnSpec.js';
import type { CqlTable__Output } from '../../../../services/common/src/proto/generated/stargate/CqlTable.js';
import {
  createCollectionStatements,
  isCollectionTable,
} from '../../../../services/docs/src/storage/collection-table.js';

const column = (name: string, basic: number) =>
  ({ name, type: { basic, spec: 'basic' } }) as unknown as ColumnSpec__Output;
const VARCHAR = 13;
const collectionTable = (): CqlTable__Output => ({
  name: 'books',
  partitionKeyColumns: [column('key', VARCHAR)],
  clusteringKeyColumns: [column('p', VARCHAR)],
  staticColumns: [column('doc', VARCHAR)],
  columns: [
    column('gp', VARCHAR),
    column('leaf', VARCHAR),
    column('txt', VARCHAR),
    column('dbl', 7),
    column('bool', 4),
  ],
});

describe('collection tables', () => {
  it('are created with a static JSON column and six SAI indexes', () => {
    const { table, indexes } = createCollectionStatements('ns', 'books');
    expect(table.cql).toBe(
      'CREATE TABLE IF NOT EXISTS "ns"."books" ("key" text, "p" text, "doc" text STATIC, "gp" text, "leaf" text, "txt" text, "dbl" double, "bool" boolean, PRIMARY KEY (("key"), "p"))',
    );
    expect(indexes.map((i) => i.cql)).toContain(
      `CREATE CUSTOM INDEX IF NOT EXISTS "books_dbl_idx" ON "ns"."books" ("dbl") USING 'StorageAttachedIndex'`,
    );
    expect(indexes).toHaveLength(6);
  });

  it('are recognised by their exact columns only', () => {
    expect(isCollectionTable(collectionTable())).toBe(true);
    const extra = collectionTable();
    extra.columns = [...extra.columns!, column('other', VARCHAR)];
    expect(isCollectionTable(extra)).toBe(false);
    const wrongType = collectionTable();
    wrongType.columns = wrongType.columns!.map((c) => (c.name === 'dbl' ? column('dbl', 9) : c));
    expect(isCollectionTable(wrongType)).toBe(false);
    expect(isCollectionTable({ ...collectionTable(), staticColumns: [] })).toBe(false);
  });

  it('with a vector: a vector<float, n> column and an SAI index with the metric as similarity function', () => {
    const { table, indexes } = createCollectionStatements('ns', 'books', undefined, {
      dimension: 3,
      metric: 'dot_product',
    });
    expect(table.cql).toContain('"bool" boolean, "vec" vector<float, 3>, PRIMARY KEY');
    expect(indexes).toHaveLength(7);
    expect(indexes[6]!.cql).toBe(
      `CREATE CUSTOM INDEX IF NOT EXISTS "books_vec_idx" ON "ns"."books" ("vec") USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'DOT_PRODUCT'}`,
    );
  });

  it('with a vector column are collections; a vec column of another type is not', () => {
    const vectorColumn = (element: number, size: number) =>
      ({
        name: 'vec',
        type: { vector: { element: { basic: element }, size }, spec: 'vector' },
      }) as unknown as ColumnSpec__Output;
    const withVector = collectionTable();
    withVector.columns = [...withVector.columns!, vectorColumn(8, 64)];
    expect(isCollectionTable(withVector)).toBe(true);
    const textVec = collectionTable();
    textVec.columns = [...textVec.columns!, column('vec', VARCHAR)];
    expect(isCollectionTable(textVec)).toBe(false);
  });
});
