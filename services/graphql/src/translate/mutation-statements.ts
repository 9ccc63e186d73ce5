// insert/update/delete/bulkInsert arguments → CQL statements with bind markers. Each statement
// keeps the input value it came from: a mutation echoes it back when it was applied.
import { buildDelete } from '../../../common/src/cql/delete.js';
import { buildInsert } from '../../../common/src/cql/insert.js';
import { type Assignment, buildUpdate } from '../../../common/src/cql/update.js';
import type { Value } from '../../../common/src/proto/generated/stargate/Value.js';
import { BasicType } from '../../../common/src/proto/proto-enums.js';
import { equalityConditions, type FilterInput, filterConditions } from './conditions.js';
import { toProtoValue, ValueError } from './graphql-values.js';
import { type MutationOptionsInput, mutationTtl } from './query-options.js';
import { type CurrentTable, columnOf } from './table-ref.js';

export type MutationKind = 'insert' | 'bulkInsert' | 'update' | 'delete';

export interface MutationArgs {
  value?: Record<string, unknown> | null;
  values?: Array<Record<string, unknown>> | null;
  ifNotExists?: boolean | null;
  ifExists?: boolean | null;
  ifCondition?: FilterInput | null;
  options?: MutationOptionsInput | null;
}

export interface Statement {
  cql: string;
  values: Value[];
  /** The GraphQL input value this statement writes (echoed back in the result). */
  input: Record<string, unknown>;
}

export function mutationStatements(
  kind: MutationKind,
  current: CurrentTable,
  args: MutationArgs,
): Statement[] {
  const ttlSeconds = mutationTtl(args.options);
  switch (kind) {
    case 'insert':
      return [insertStatement(current, args.value ?? {}, args.ifNotExists === true, ttlSeconds)];
    case 'bulkInsert':
      return (args.values ?? []).map((v) =>
        insertStatement(current, v, args.ifNotExists === true, ttlSeconds),
      );
    case 'update':
      return [updateStatement(current, args, ttlSeconds)];
    case 'delete':
      return [deleteStatement(current, args)];
  }
}

function insertStatement(
  current: CurrentTable,
  value: Record<string, unknown>,
  ifNotExists: boolean,
  ttlSeconds: number | undefined,
): Statement {
  const entries = Object.entries(value);
  if (entries.length === 0) throw new ValueError('Insert statement must contain at least one field');
  const built = buildInsert({
    keyspace: current.ref.keyspace,
    table: current.ref.cqlTable,
    values: entries.map(([field, raw]) => {
      const column = columnOf(current, field);
      return { column: column.name ?? '', value: toProtoValue(column.type, raw, current.ref.names) };
    }),
    ifNotExists,
    ttlSeconds,
  });
  return { ...built, input: value };
}

function updateStatement(
  current: CurrentTable,
  args: MutationArgs,
  ttlSeconds: number | undefined,
): Statement {
  const value = args.value ?? {};
  const assignments: Assignment[] = [];
  for (const [field, raw] of Object.entries(value)) {
    const column = columnOf(current, field);
    const name = column.name;
    if (column.isPrimaryKey) continue;
    const protoValue = toProtoValue(column.type, raw, current.ref.names);
    assignments.push({
      column: name,
      kind: column.type?.basic === BasicType.COUNTER ? 'increment' : 'set',
      value: protoValue,
    });
  }
  if (assignments.length === 0) {
    throw new ValueError('Update statement must set at least one column that is not part of the primary key');
  }
  const where = equalityConditions(value, current, (c) => current.view.column(c)?.isPrimaryKey === true);
  // Without a key the statement would have an empty WHERE: a CQL syntax error, not a message.
  if (where.length === 0) throw missingKey('Update', 'the row to update', current);
  const built = buildUpdate({
    keyspace: current.ref.keyspace,
    table: current.ref.cqlTable,
    assignments,
    where,
    ifExists: args.ifExists === true,
    ifConditions: filterConditions(args.ifCondition, current),
    ttlSeconds,
  });
  return { ...built, input: value };
}

function deleteStatement(current: CurrentTable, args: MutationArgs): Statement {
  const value = args.value ?? {};
  const where = equalityConditions(value, current);
  if (where.length === 0) throw missingKey('Delete', 'the rows to delete', current);
  const built = buildDelete({
    keyspace: current.ref.keyspace,
    table: current.ref.cqlTable,
    where,
    ifExists: args.ifExists === true,
    ifConditions: filterConditions(args.ifCondition, current),
  });
  return { ...built, input: value };
}

/** A mutation whose value names no primary key column: which fields it must name. */
function missingKey(statement: string, what: string, current: CurrentTable): ValueError {
  const fields = current.view.partitionKey.map((c) => current.ref.columns.graphql(c.name) ?? c.name);
  return new ValueError(
    `${statement} statement must name the primary key of ${what}: give at least ${fields.join(', ')} in \`value\``,
  );
}
