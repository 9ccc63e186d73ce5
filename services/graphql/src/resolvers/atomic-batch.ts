// @atomic: every mutation of the operation goes into one LOGGED batch. GraphQL runs mutation
// fields one after another, so the first resolver plans the whole operation (each top-level
// field's arguments, coerced as GraphQL would), runs the batch once, and every field's resolver
// picks its own result from the shared outcome.

import { status as GrpcStatus } from '@grpc/grpc-js';
import { BridgeCallError } from '../../../common/src/bridge/bridge-call-error.js';
import type { Response__Output } from '../../../common/src/proto/generated/stargate/Response.js';
import { BasicType, BatchType } from '../../../common/src/proto/proto-enums.js';
import { KeyspaceNotFoundError } from '../../../common/src/schema/schema-cache.js';
import {
  type FieldNode,
  type GraphQLResolveInfo,
  getArgumentValues,
  Kind,
  type SelectionSetNode,
} from '../graphql-js.js';
import type { MutationResult, MutationSpec } from '../respond/mutation-result.js';
import { isApplied, rowToObject, valueKey } from '../respond/rows.js';
import { toProtoValue, ValueError } from '../translate/graphql-values.js';
import { type MutationArgs, mutationStatements, type Statement } from '../translate/mutation-statements.js';
import { mutationParameters } from '../translate/query-options.js';
import { type CurrentTable, currentTable } from '../translate/table-ref.js';
import type { GraphqlContext, ResolverDeps } from './graphql-context.js';
import { runStatement } from './run-statement.js';

interface PlannedField {
  key: string;
  spec: MutationSpec;
  args: MutationArgs;
  current: CurrentTable;
  statements: Statement[];
}

/** The result of this resolver's field, once the operation's batch has run. */
export async function atomicFieldResult(
  info: GraphQLResolveInfo,
  context: GraphqlContext,
  deps: ResolverDeps,
): Promise<unknown> {
  const results = await startAtomicBatch(info, context, deps);
  const result = results.get(String(info.path.key));
  if (result instanceof Error) throw result;
  return result;
}

export function startAtomicBatch(
  info: GraphQLResolveInfo,
  context: GraphqlContext,
  deps: ResolverDeps,
): Promise<Map<string, unknown>> {
  context.atomic ??= runAtomicBatch(info, context, deps);
  return context.atomic;
}

async function runAtomicBatch(
  info: GraphQLResolveInfo,
  context: GraphqlContext,
  deps: ResolverDeps,
): Promise<Map<string, unknown>> {
  const mutationFields = info.schema.getMutationType()?.getFields() ?? {};
  const requested: Array<{ key: string; spec: MutationSpec; args: MutationArgs }> = [];
  for (const node of topLevelFields(info.operation.selectionSet, info)) {
    const definition = mutationFields[node.name.value];
    const spec = definition?.extensions?.cqlMutation as MutationSpec | undefined;
    if (!definition || !spec) continue;
    const args = getArgumentValues(definition, node, info.variableValues) as MutationArgs;
    requested.push({ key: node.alias?.value ?? node.name.value, spec, args });
  }
  const withOptions = requested.filter((r) => r.args.options);
  if (withOptions.length > 1) {
    throw new ValueError('options can only be defined once in an @atomic mutation selection');
  }
  const parameters = mutationParameters(withOptions[0]?.args.options);
  const keyspace = requested[0]?.spec.ref.keyspace ?? '';
  const request = { token: context.token, deadlineMs: deps.deadlineMs };
  const description = await deps.schemaCache.get(keyspace, request);
  if (!description) throw new KeyspaceNotFoundError(keyspace);
  const planned: PlannedField[] = requested.map((r) => {
    const current = currentTable(description, r.spec.ref);
    return { ...r, current, statements: mutationStatements(r.spec.kind, current, r.args) };
  });
  const statements = planned.flatMap((p) => p.statements);
  if (statements.length === 0) return new Map();

  let response: Response__Output;
  if (statements.length === 1) {
    const only = planned.find((p) => p.statements.length === 1)!;
    response = await runStatement(
      deps,
      context,
      keyspace,
      (d) => mutationStatements(only.spec.kind, currentTable(d, only.spec.ref), only.args)[0]!,
      parameters,
    );
  } else {
    const counters = planned.every((p) =>
      p.current.view.regularColumns.some((c) => c.type?.basic === BasicType.COUNTER),
    );
    try {
      response = await deps.bridge.executeBatch(
        {
          type: counters ? BatchType.COUNTER : BatchType.LOGGED,
          queries: statements.map((s) => ({ cql: s.cql, values: { values: s.values } })),
          parameters: {
            consistency: parameters.consistency,
            serialConsistency: parameters.serialConsistency,
          },
        },
        request,
      );
    } catch (err) {
      // A batch is not checked against the keyspace hash: if Cassandra refused it, the cached
      // description may be stale, so revalidate it for the next request.
      if (err instanceof BridgeCallError && err.code === GrpcStatus.INVALID_ARGUMENT) {
        deps.schemaCache.refresh(keyspace, request).catch(() => undefined);
      }
      throw err;
    }
  }
  return batchResults(planned, response);
}

function batchResults(planned: PlannedField[], response: Response__Output): Map<string, unknown> {
  const resultSet = response.resultSet;
  const applied = isApplied(resultSet);
  const results = new Map<string, unknown>();
  for (const field of planned) {
    const perStatement = field.statements.map((statement): MutationResult => {
      if (applied) return { applied: true, value: statement.input };
      return unappliedResult(field, statement, response);
    });
    results.set(field.key, field.spec.kind === 'bulkInsert' ? perStatement : perStatement[0]);
  }
  return results;
}

/** The batch was not applied: show the current row this statement's condition failed on, if any. */
function unappliedResult(
  field: PlannedField,
  statement: Statement,
  response: Response__Output,
): MutationResult {
  const resultSet = response.resultSet;
  const columns = resultSet?.columns ?? [];
  const { current } = field;
  const keys: Array<{ index: number; key: string }> = [];
  for (const column of current.view.primaryKey) {
    const graphqlName = current.ref.columns.graphql(column.name);
    const index = columns.findIndex((c) => c.name === column.name);
    if (graphqlName === undefined || index < 0) return { applied: false };
    keys.push({
      index,
      key: valueKey(toProtoValue(column.type, statement.input[graphqlName], current.ref.names)),
    });
  }
  const row = (resultSet?.rows ?? []).find((r) => keys.every((k) => valueKey(r.values?.[k.index]) === k.key));
  return row ? { applied: false, value: rowToObject(resultSet!, row, current.ref) } : { applied: false };
}

function topLevelFields(set: SelectionSetNode, info: GraphQLResolveInfo): FieldNode[] {
  const out: FieldNode[] = [];
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) out.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      out.push(...topLevelFields(selection.selectionSet, info));
    else {
      const fragment = info.fragments[selection.name.value];
      if (fragment) out.push(...topLevelFields(fragment.selectionSet, info));
    }
  }
  return out;
}
