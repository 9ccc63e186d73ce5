// An ANN read as a Query: the score selector's vector, the key conditions and the ANN vector bound
// in statement order, LIMIT k and one page of k.
import { describe, expect, it } from 'vitest';
import { TableView } from '../../../../services/common/src/schema/table-view.js';
import { parseFields } from '../../../../services/rest/src/parse/fields.js';
import { parseSort } from '../../../../services/rest/src/parse/sort.js';
import { annPaging } from '../../../../services/rest/src/parse/vector-sort.js';
import { buildRowsQuery } from '../../../../services/rest/src/translate/select-rows.js';

const FLOAT = 8;
const docs = new TableView('ks', {
  name: 'docs',
  partitionKeyColumns: [{ name: 'id', type: { basic: 9 as never } }],
  clusteringKeyColumns: [],
  staticColumns: [],
  columns: [{ name: 'embedding', type: { vector: { element: { basic: FLOAT as never }, size: 3 } } }],
  indexes: [
    {
      name: 'docs_embedding_idx',
      columnName: 'embedding',
      custom: true,
      indexingClass: { value: 'org.apache.cassandra.index.sai.StorageAttachedIndex' },
      options: { similarity_function: 'DOT_PRODUCT' },
    },
  ],
} as never);

describe('ANN reads', () => {
  it('bind the query vector in the score and in ANN OF, with LIMIT k as the one page', () => {
    const sort = parseSort('{"embedding":{"$vector":[0.5,1,-2]}}', docs);
    expect(sort.vector?.similarity).toBe('DOT_PRODUCT');
    const { limit, parameters } = annPaging(5, undefined);
    const query = buildRowsQuery({
      table: docs,
      fields: parseFields('id,similarity_dot_product(embedding)', docs, sort.vector),
      where: [{ column: 'id', operator: '=', value: { int: 7 } }],
      orderBy: [],
      paging: parameters,
      ann: { vector: sort.vector!, limit },
    });
    expect(query.cql).toBe(
      'SELECT "id", similarity_dot_product("embedding", ?) FROM "ks"."docs" WHERE "id" = ? ORDER BY "embedding" ANN OF ? LIMIT ?',
    );
    const vector = { collection: { elements: [{ float: 0.5 }, { float: 1 }, { float: -2 }] } };
    expect(query.values?.values).toEqual([vector, { int: 7 }, vector, { int: 5 }]);
    expect(query.parameters).toEqual({ pageSize: { value: 5 }, skipMetadata: true });
  });

  it('read k = 100 rows when no page-size is given', () => {
    expect(annPaging(undefined, undefined).limit).toBe(100);
  });
});
