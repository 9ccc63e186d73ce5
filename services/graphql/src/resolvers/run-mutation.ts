// Runs one mutation field outside @atomic. insert/update/delete: one statement, one round trip.
// bulkInsert: rows are grouped by partition; a group of several rows goes as one UNLOGGED batch
// (a single-partition batch is one mutation for Cassandra, and exempt from its batch-size limit),
// single rows as plain inserts, up to 32 at a time on the multiplexed stream. With ifNotExists
// every row is its own conditional insert, as each has its own [applied].
import { BatchType } from '../../../common/src/proto/proto-enums.js';
import { KeyspaceNotFoundError } from '../../../common/src/schema/schema-cache.js';
import { type MutationResult, type MutationSpec, mutationResult } from '../respond/mutation-result.js';
import { valueKey } from '../respond/rows.js';
import { toProtoValue } from '../translate/graphql-values.js';
import { type MutationArgs, mutationStatements, type Statement } from '../translate/mutation-statements.js';
import { mutationParameters } from '../translate/query-options.js';
import { currentTable } from '../translate/table-ref.js';
import type { GraphqlContext, ResolverDeps } from './graphql-context.js';
import { runStatement } from './run-statement.js';

/** Requests one bulk insert keeps in flight at once. */
const BULK_CONCURRENCY = 32;

export async function runMutation(
  spec: MutationSpec,
  args: MutationArgs,
  context: GraphqlContext,
  deps: ResolverDeps,
): Promise<MutationResult | MutationResult[]> {
  const parameters = mutationParameters(args.options);
  // Statements are rebuilt from whichever description the bridge confirms as current; item i of
  // the arguments always yields statement i.
  const runOne = async (index: number): Promise<MutationResult> => {
    let statement: Statement | undefined;
    const response = await runStatement(
      deps,
      context,
      spec.ref.keyspace,
      (description) => {
        statement = mutationStatements(spec.kind, currentTable(description, spec.ref), args)[index]!;
        return statement;
      },
      parameters,
    );
    return mutationResult(response, statement!, spec.ref);
  };
  if (spec.kind !== 'bulkInsert') return runOne(0);
  const count = (args.values ?? []).length;
  if (count === 0) return [];
  if (args.ifNotExists === true) {
    const results: MutationResult[] = new Array(count);
    await forEachLimited(
      Array.from({ length: count }, (_, i) => i),
      async (i) => {
        results[i] = await runOne(i);
      },
    );
    return results;
  }

  const request = { token: context.token, deadlineMs: deps.deadlineMs };
  const description = await deps.schemaCache.get(spec.ref.keyspace, request);
  if (!description) throw new KeyspaceNotFoundError(spec.ref.keyspace);
  const current = currentTable(description, spec.ref);
  const statements = mutationStatements('bulkInsert', current, args);
  const partitionKey = current.view.partitionKey.map((c) => ({
    column: c,
    graphqlName: spec.ref.columns.graphql(c.name),
  }));
  const groups = new Map<string, number[]>();
  statements.forEach((statement, index) => {
    const key = partitionKey
      .map((k) => valueKey(toProtoValue(k.column.type, statement.input[k.graphqlName ?? ''], spec.ref.names)))
      .join('|');
    const group = groups.get(key);
    if (group) group.push(index);
    else groups.set(key, [index]);
  });
  const results: MutationResult[] = new Array(count);
  await forEachLimited([...groups.values()], async (indexes) => {
    if (indexes.length === 1) {
      results[indexes[0]!] = await runOne(indexes[0]!);
      return;
    }
    await deps.bridge.executeBatch(
      {
        type: BatchType.UNLOGGED,
        queries: indexes.map((i) => ({ cql: statements[i]!.cql, values: { values: statements[i]!.values } })),
        parameters: { consistency: parameters.consistency, serialConsistency: parameters.serialConsistency },
      },
      request,
    );
    for (const i of indexes) results[i] = { applied: true, value: statements[i]!.input };
  });
  return results;
}

/** Runs fn over the items with at most BULK_CONCURRENCY in flight; fails with the first error. */
async function forEachLimited<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, items.length) }, worker));
}
