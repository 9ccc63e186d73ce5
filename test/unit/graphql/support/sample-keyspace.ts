// A keyspace description as the bridge sends it (CqlKeyspaceDescribe), for schema and translation
// tests: a table with every kind of column, a UDT, and names that need Stargate's escaping.

import type { TypeSpec__Output } from '../../../../services/common/src/proto/generated/stargate/TypeSpec.js';
import type { KeyspaceDescription } from '../../../../services/common/src/schema/schema-cache.js';

export const basic = (n: number): TypeSpec__Output => ({
  basic: n as TypeSpec__Output['basic'],
  spec: 'basic',
});
export const TEXT = basic(13);
export const INT = basic(9);
export const UUID = basic(12);
export const BIGINT = basic(2);
export const COUNTER = basic(5);

export const address: TypeSpec__Output = {
  udt: { name: 'address', fields: { street: TEXT, zip: INT }, frozen: true },
  spec: 'udt',
};

export function sampleKeyspace(): KeyspaceDescription {
  return {
    cqlKeyspace: {
      name: 'library',
      options: { replication: "{'class': 'SimpleStrategy', 'replication_factor': '1'}" },
    },
    types: [{ name: 'address', fields: { street: TEXT, zip: INT } }],
    tables: [
      {
        name: 'books',
        partitionKeyColumns: [{ name: 'title', type: TEXT }],
        clusteringKeyColumns: [{ name: 'edition', type: INT }],
        staticColumns: [],
        columns: [
          { name: 'author', type: TEXT },
          { name: 'isbn', type: UUID },
          { name: 'tags', type: { set: { element: TEXT }, spec: 'set' } },
          { name: 'ratings', type: { map: { key: TEXT, value: INT }, spec: 'map' } },
          { name: 'pair', type: { tuple: { elements: [INT, TEXT] }, spec: 'tuple' } },
          { name: 'home', type: address },
          { name: 'first name', type: TEXT },
        ],
        clusteringOrders: {},
        indexes: [],
      },
      {
        name: 'Query',
        partitionKeyColumns: [{ name: 'id', type: INT }],
        clusteringKeyColumns: [],
        staticColumns: [],
        columns: [],
      },
      {
        name: 'likes',
        partitionKeyColumns: [{ name: 'id', type: INT }],
        clusteringKeyColumns: [],
        staticColumns: [],
        columns: [{ name: 'n', type: COUNTER }],
      },
    ],
    hash: { value: 42 },
  };
}
