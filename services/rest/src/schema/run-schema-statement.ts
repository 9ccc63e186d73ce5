// Schema changes go to the bridge as plain queries; afterwards this process forgets its cached
// description of the keyspace so its next request sees the change (other processes learn of it
// from ExecuteQueryWithSchema's hash check).
import type { Statement } from '../../../common/src/cql/ddl.js';
import type { Response__Output } from '../../../common/src/proto/generated/stargate/Response.js';
import type { RestDeps } from '../routes/rest-deps.js';

export async function runSchemaStatement(
  deps: Pick<RestDeps, 'bridge' | 'schemaCache'>,
  token: string,
  keyspace: string,
  statement: Statement,
): Promise<Response__Output> {
  try {
    return await deps.bridge.executeQuery(
      { cql: statement.cql, values: { values: statement.values } },
      { token },
    );
  } finally {
    deps.schemaCache.invalidate(keyspace);
  }
}
