// Resolvers of the CQL-first schema: one query per table (rows, aggregates and a page state), the
// insert/bulkInsert/update/delete mutations returning {applied, value} (or {accepted, value} with
// @async), and the aggregation and similarity score fields of a row. Operations marked @atomic go to atomic-batch.ts.

import { bytesToBase64 } from '../../../common/src/codecs/base64.js';
import { resultSetRowSpans } from '../../../common/src/proto/result-set-row-spans.js';
import type { GraphQLFieldResolver, GraphQLResolveInfo } from '../graphql-js.js';
import { AGGREGATES, aggregateOutput, type RowWithAggregates } from '../respond/aggregate-values.js';
import type { MutationResult, MutationSpec } from '../respond/mutation-result.js';
import { rowsToObjectsFromBytes } from '../respond/rows-from-bytes.js';
import { similarityOutput } from '../respond/similarity-value.js';
import type { AggregateField } from '../translate/aggregates.js';
import type { MutationArgs, MutationKind } from '../translate/mutation-statements.js';
import { type SelectArgs, selectRowsQuery } from '../translate/select-rows.js';
import { currentTable, type TableRef } from '../translate/table-ref.js';
import { atomicFieldResult, startAtomicBatch } from './atomic-batch.js';
import type { GraphqlContext, ResolverDeps } from './graphql-context.js';
import { runMutation } from './run-mutation.js';
import { runQueryEncoded } from './run-statement.js';
import { selectedAggregates, selectedSimilarities, selectedValueFields } from './selection.js';

export function tableQueryResolver(
  ref: TableRef,
  deps: ResolverDeps,
): GraphQLFieldResolver<unknown, GraphqlContext, SelectArgs> {
  return async (_source, args, context, info) => {
    const fields = selectedValueFields(info);
    const aggregates = selectedAggregates(info);
    const similarities = selectedSimilarities(info);
    const encodedResponse = await runQueryEncoded(deps, context, ref.keyspace, (description) =>
      selectRowsQuery(currentTable(description, ref), args, fields, aggregates, similarities),
    );
    const encoded = resultSetRowSpans(encodedResponse);
    const pagingState = encoded?.resultSet.pagingState?.value;
    return {
      values: rowsToObjectsFromBytes(encoded, ref, [
        ...aggregates.map((a) => a.key),
        ...similarities.map((s) => s.key),
      ]),
      pageState: pagingState && pagingState.length > 0 ? bytesToBase64(pagingState) : null,
    };
  };
}

function hasDirective(info: GraphQLResolveInfo, name: string): boolean {
  return info.operation.directives?.some((d) => d.name.value === name) ?? false;
}

export function mutationResolver(
  spec: MutationSpec,
  deps: ResolverDeps,
): GraphQLFieldResolver<unknown, GraphqlContext, MutationArgs> {
  return async (_source, args, context, info) => {
    const fireAndForget = hasDirective(info, 'async');
    if (hasDirective(info, 'atomic')) {
      if (!fireAndForget) return atomicFieldResult(info, context, deps);
      startAtomicBatch(info, context, deps).catch((err: unknown) =>
        deps.logger.warn({ err }, 'an @async @atomic batch failed'),
      );
      return accepted(spec.kind, args);
    }
    const run = () => runMutation(spec, args, context, deps);
    if (fireAndForget) {
      run().catch((err: unknown) => deps.logger.warn({ err }, 'an @async mutation failed'));
      return accepted(spec.kind, args);
    }
    return run();
  };
}

function accepted(kind: MutationKind, args: MutationArgs): MutationResult | MutationResult[] {
  if (kind === 'bulkInsert') return (args.values ?? []).map((value) => ({ accepted: true, value }));
  return { accepted: true, value: args.value };
}

/** An aggregation field (`_int_function` …): its row's result under the field's response key. */
export function aggregateFieldResolver(
  field: AggregateField,
): GraphQLFieldResolver<RowWithAggregates, unknown> {
  return (source, _args, _context, info) =>
    aggregateOutput(field, source[AGGREGATES]?.get(info.path.key as string));
}

/** The `_similarity` field: its row's score under the field's response key. */
export function similarityFieldResolver(): GraphQLFieldResolver<RowWithAggregates, unknown> {
  return (source, _args, _context, info) =>
    similarityOutput(source[AGGREGATES]?.get(info.path.key as string));
}
