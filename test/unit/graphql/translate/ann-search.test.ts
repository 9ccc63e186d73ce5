import { describe, expect, test } from 'vitest';
import type { TypeSpec__Output } from '../../../../services/common/src/proto/generated/stargate/TypeSpec.js';
import type { KeyspaceDescription } from '../../../../services/common/src/schema/schema-cache.js';
import { NameMapping } from '../../../../services/graphql/src/schema/name-mapping.js';
import { selectRowsQuery } from '../../../../services/graphql/src/translate/select-rows.js';
import { currentTable, type TableRef } from '../../../../services/graphql/src/translate/table-ref.js';
import { INT } from '../support/sample-keyspace.js';

const vector = (size: number): TypeSpec__Output => ({
  vector: { element: { basic: 8 as TypeSpec__Output['basic'], spec: 'basic' }, size },
  spec: 'vector',
});
const description: KeyspaceDescription = {
  cqlKeyspace: { name: 'ks' },
  tables: [
    {
      name: 'docs',
      partitionKeyColumns: [{ name: 'id', type: INT }],
      clusteringKeyColumns: [],
      staticColumns: [],
      columns: [
        { name: 'emb', type: vector(3) },
        { name: 'raw', type: vector(2) },
      ],
      indexes: [
        {
          name: 'docs_emb',
          columnName: 'emb',
          indexingClass: { value: 'org.apache.cassandra.index.sai.StorageAttachedIndex' },
          options: { similarity_function: 'EUCLIDEAN' },
        },
      ],
    },
  ],
};
const names = new NameMapping(description.tables ?? [], []);
const ref: TableRef = {
  keyspace: 'ks',
  cqlTable: 'docs',
  graphqlTable: 'docs',
  columns: names.columnNames('docs')!,
  names,
};
const docs = currentTable(description, ref);
const emb = { collection: { elements: [{ float: 0.5 }, { float: 1 }, { float: -2 }] } };

describe('vector search', () => {
  test('ORDER BY ANN OF the bound vector, LIMIT k, scores bound with the same vector, one page', () => {
    const query = selectRowsQuery(
      docs,
      { value: { id: 1 }, ann: { emb: [0.5, 1, -2] }, options: { limit: 7, pageSize: 5 } },
      ['id'],
      [],
      [{ key: '_similarity' }, { key: 'cos', function: 'COSINE' }],
    );
    expect(query.cql).toBe(
      'SELECT "id", similarity_euclidean("emb", ?), similarity_cosine("emb", ?) FROM "ks"."docs" WHERE "id" = ? ORDER BY "emb" ANN OF ? LIMIT ?',
    );
    expect(query.values?.values).toEqual([emb, emb, { int: 1 }, emb, { int: 7 }]);
    expect(query.parameters?.pageSize).toEqual({ value: 7 });
  });

  test.each([
    [{ ann: { emb: [1, 2, 3] } }, [], /needs options.limit/],
    [{ ann: { emb: [1, 2, 3] }, options: { limit: 1001 } }, [], /1 to 1000, got 1001/],
    [{ ann: { emb: [1, 2, 3] }, options: { limit: 2.5 } }, [], /1 to 1000, got 2.5/],
    [
      { ann: { emb: [1, 2] }, options: { limit: 1 } },
      [],
      /ann.emb must be a list of exactly 3 numbers.*got 2/,
    ],
    [{ ann: { emb: [1, null, 2] }, options: { limit: 1 } }, [], /element 1 is null/],
    [{ ann: { emb: [1, 2, 1e39] }, options: { limit: 1 } }, [], /element 2 \(1e\+39\)/],
    [{ ann: { raw: [1, 2] }, options: { limit: 1 } }, [], /ann.raw: the column has no SAI index/],
    [{ ann: { emb: null }, options: { limit: 1 } }, [], /exactly one vector column.*none/],
    [{ ann: { emb: [1, 2, 3] }, orderBy: ['id_ASC'], options: { limit: 1 } }, [], /orderBy/],
    [{ ann: { emb: [1, 2, 3] }, options: { limit: 1, pageState: 'AAAA' } }, [], /pageState/],
    [{ options: { limit: 1 } }, [{ key: '_similarity' }], /give the table query an ann argument/],
  ])('%j is refused', (args, similarities, message) => {
    expect(() => selectRowsQuery(docs, args, ['id'], [], similarities)).toThrow(message);
  });
});
