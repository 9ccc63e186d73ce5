// Runs a query built from a table's cached description in one bridge round trip
// (ExecuteQueryWithSchema). A table missing from the cached copy may have been created since
// (by another API process): the description is revalidated once before the table is reported missing.
// Keyspace and table names come from route params, checked by their schemas (routes/route-schemas.ts).
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { Query } from '../../../common/src/proto/generated/stargate/Query.js';
import type { Response__Output } from '../../../common/src/proto/generated/stargate/Response.js';
import {
  type KeyspaceDescription,
  KeyspaceNotFoundError,
  type SchemaCache,
} from '../../../common/src/schema/schema-cache.js';
import { findTableModel, requireTableModel, type TableModel, TableNotFoundError } from './table-model.js';

export interface TableTarget {
  keyspace: string;
  table: string;
  token: string;
}

export async function executeOnTable(
  schemaCache: SchemaCache,
  target: TableTarget,
  build: (table: TableModel) => Query,
): Promise<{ response: Response__Output; table: TableModel }> {
  const { keyspace, table, token } = target;
  for (let revalidated = false; ; revalidated = true) {
    let model: TableModel | undefined;
    try {
      const { response } = await schemaCache.execute(
        keyspace,
        (description) => {
          model = requireTableModel(description, keyspace, table);
          return build(model);
        },
        { token },
      );
      return { response, table: model! };
    } catch (err) {
      if (err instanceof KeyspaceNotFoundError) throw new ApiError('REST_KEYSPACE_NOT_FOUND', { keyspace });
      if (!(err instanceof TableNotFoundError) || revalidated) throw err;
      await schemaCache.refresh(keyspace, { token });
    }
  }
}

/** A freshly revalidated keyspace description (schema routes read what is there now). */
export async function describeKeyspace(
  schemaCache: SchemaCache,
  keyspace: string,
  token: string,
): Promise<KeyspaceDescription> {
  const description = await schemaCache.refresh(keyspace, { token });
  if (!description) throw new ApiError('REST_KEYSPACE_NOT_FOUND', { keyspace });
  return description;
}

/** The table's model, from the cached description or (if it is not there) a revalidated one. */
export async function requireTable(schemaCache: SchemaCache, target: TableTarget): Promise<TableModel> {
  const { keyspace, table, token } = target;
  let description = await schemaCache.get(keyspace, { token });
  for (let revalidated = false; ; revalidated = true) {
    if (!description) throw new ApiError('REST_KEYSPACE_NOT_FOUND', { keyspace });
    const model = findTableModel(description, table);
    if (model) return model;
    if (revalidated) throw new TableNotFoundError(keyspace, table);
    description = await schemaCache.refresh(keyspace, { token });
  }
}
