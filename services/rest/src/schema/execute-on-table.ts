// A REST request on a table: its view comes from the shared SchemaCache (one revalidation before a
// 404), the route translates it into a query (a pure function of view and request), and the query
// goes out with ExecuteQueryWithSchema in one bridge round trip. If the keyspace changed since
// the view was cached, the bridge hands back the new description and the query is translated again.
import type { RequestOptions } from '../../../common/src/bridge/bridge-client.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { Query } from '../../../common/src/proto/generated/stargate/Query.js';
import type { Response__Output } from '../../../common/src/proto/generated/stargate/Response.js';
import {
  type KeyspaceDescription,
  KeyspaceNotFoundError,
  SCHEMA_ATTEMPTS,
  type SchemaCache,
  schemaKeptChanging,
  TableNotFoundError,
} from '../../../common/src/schema/schema-cache.js';
import { type TableView, tableView } from '../../../common/src/schema/table-view.js';

export interface TableTarget {
  keyspace: string;
  table: string;
  token: string;
}

export async function executeOnTable(
  schemaCache: SchemaCache,
  target: TableTarget,
  translate: (table: TableView) => Query,
): Promise<{ response: Response__Output; table: TableView }> {
  const { result, table } = await sendOnTable(
    schemaCache,
    target,
    translate,
    (keyspace, hash, query, options) => schemaCache.send(keyspace, hash, query, options),
  );
  return { response: result.response, table };
}

/** executeOnTable with the response as the bridge's encoded bytes (row reads write JSON from them). */
export async function executeOnTableEncoded(
  schemaCache: SchemaCache,
  target: TableTarget,
  translate: (table: TableView) => Query,
): Promise<{ encodedResponse: Buffer; table: TableView }> {
  const { result, table } = await sendOnTable(
    schemaCache,
    target,
    translate,
    (keyspace, hash, query, options) => schemaCache.sendEncoded(keyspace, hash, query, options),
  );
  return { encodedResponse: result.encodedResponse, table };
}

/** Sends the query translated for the current view, translating again while the keyspace moves. */
async function sendOnTable<Answer extends object>(
  schemaCache: SchemaCache,
  target: TableTarget,
  translate: (table: TableView) => Query,
  send: (
    keyspace: string,
    keyspaceHash: number,
    query: Query,
    options: RequestOptions,
  ) => Promise<Answer | { moved: KeyspaceDescription }>,
): Promise<{ result: Answer; table: TableView }> {
  const { keyspace, table, token } = target;
  let view = await requireTable(schemaCache, target);
  for (let attempt = 0; attempt < SCHEMA_ATTEMPTS; attempt++) {
    const sent = await restErrors(target, () =>
      send(keyspace, view.keyspaceHash, translate(view), { token }),
    );
    if (!('moved' in sent)) return { result: sent, table: view };
    const moved = tableView(sent.moved, table);
    view = moved ?? (await requireTable(schemaCache, target));
  }
  throw schemaKeptChanging(keyspace);
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

/** The table's view, from the cached description or (if it is not there) a revalidated one. */
export async function requireTable(schemaCache: SchemaCache, target: TableTarget): Promise<TableView> {
  const { keyspace, table, token } = target;
  return restErrors(target, () => schemaCache.table(keyspace, table, { token }));
}

async function restErrors<T>(target: TableTarget, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof KeyspaceNotFoundError) {
      throw new ApiError('REST_KEYSPACE_NOT_FOUND', { keyspace: target.keyspace });
    }
    if (err instanceof TableNotFoundError) {
      throw new ApiError('REST_TABLE_NOT_FOUND', { keyspace: target.keyspace, table: target.table });
    }
    throw err;
  }
}
