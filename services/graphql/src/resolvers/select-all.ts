// Every row of a small system query (keyspace names, their replication), following page states.
import type { Value__Output } from '../../../common/src/proto/generated/stargate/Value.js';
import type { ResolverDeps } from './graphql-context.js';

export async function selectAll(
  deps: Pick<ResolverDeps, 'bridge' | 'deadlineMs'>,
  token: string,
  cql: string,
): Promise<Value__Output[][]> {
  const rows: Value__Output[][] = [];
  let pagingState: Buffer | undefined;
  do {
    const response = await deps.bridge.executeQuery(
      {
        cql,
        parameters: {
          pageSize: { value: 1000 },
          ...(pagingState ? { pagingState: { value: pagingState } } : {}),
        },
      },
      { token, deadlineMs: deps.deadlineMs, idempotent: true },
    );
    for (const row of response.resultSet?.rows ?? []) rows.push(row.values ?? []);
    const next = response.resultSet?.pagingState?.value;
    pagingState = next && next.length > 0 ? next : undefined;
  } while (pagingState);
  return rows;
}
