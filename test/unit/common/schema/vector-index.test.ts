import { describe, expect, it } from 'vitest';
import type { CqlTable__Output } from '../../../../services/common/src/proto/generated/stargate/CqlTable.js';
import {
  hasVectorIndex,
  type IndexedColumns,
  vectorIndexedColumns,
  vectorIndexSimilarity,
} from '../../../../services/common/src/schema/vector-index.js';

const sai = 'org.apache.cassandra.index.sai.StorageAttachedIndex';

function table(indexes: Array<Record<string, unknown>>): CqlTable__Output {
  return { name: 't', indexes } as unknown as CqlTable__Output;
}

describe('vectorIndexSimilarity', () => {
  it('reads the similarity_function option of the SAI index on the column', () => {
    const t = table([
      { columnName: 'a', indexingClass: { value: sai }, options: { similarity_function: 'dot_product' } },
      { columnName: 'b', indexingClass: { value: sai }, options: { similarity_function: 'EUCLIDEAN' } },
    ]);
    expect(vectorIndexSimilarity(t, 'a')).toBe('DOT_PRODUCT');
    expect(vectorIndexSimilarity(t, 'b')).toBe('EUCLIDEAN');
  });

  it("defaults to COSINE, Cassandra's default, when the index names no function", () => {
    expect(
      vectorIndexSimilarity(table([{ columnName: 'v', indexingClass: { value: sai }, options: {} }]), 'v'),
    ).toBe('COSINE');
  });

  it('answers undefined for a column without an index or with a non-SAI index', () => {
    const t = table([{ columnName: 'v', indexingClass: { value: 'com.example.OtherIndex' }, options: {} }]);
    expect(vectorIndexSimilarity(t, 'v')).toBeUndefined();
    expect(vectorIndexSimilarity(t, 'w')).toBeUndefined();
    expect(vectorIndexSimilarity(table([{ columnName: 'v', options: {} }]), 'v')).toBeUndefined();
  });
});

describe('vectorIndexedColumns', () => {
  const vector = { vector: { element: { basic: 5 }, size: 3 } };
  it('names the vector columns an SAI index covers, not other indexed columns nor other indexes', () => {
    const t: IndexedColumns & { indexes: NonNullable<IndexedColumns['indexes']> } = {
      partitionKeyColumns: [{ name: 'k', type: {} }],
      columns: [
        { name: 'v', type: vector },
        { name: 'w', type: vector },
        { name: 'body', type: {} },
      ],
      indexes: [
        { columnName: 'v', indexingClass: { value: sai } },
        { columnName: 'w', indexingClass: { value: 'com.example.OtherIndex' } },
        { columnName: 'body', indexingClass: { value: sai } },
      ],
    };
    expect(vectorIndexedColumns(t)).toEqual(['v']);
    expect(hasVectorIndex(t)).toBe(true);
    expect(vectorIndexedColumns({ ...t, indexes: t.indexes.slice(1) })).toEqual([]);
    expect(hasVectorIndex({ ...t, indexes: t.indexes.slice(1) })).toBe(false);
  });
});
