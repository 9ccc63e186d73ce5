// The span of a statement (or batch) the bridge runs through cassandra-driver, when tracing is on:
// a child of the bridge request's span, named and described by the statement's kind, keyspace and
// table. Never its values or its CQL text (a literal in the CQL is a value too).
import { activeTracing, type DriverStatement } from '../../../common/src/tracing/tracing.js';
import { tablesOf } from '../auth/statement-permissions.js';
import type { ClassifiedStatement } from '../cql/classify-statement.js';

/** Runs `execute` (the driver call) inside its span; with tracing off, just runs it. */
export function traceDriverCall<T>(
  statements: readonly ClassifiedStatement[],
  keyspace: string | undefined,
  execute: () => Promise<T>,
): Promise<T> {
  const tracing = activeTracing();
  if (!tracing) return execute();
  const span = tracing.startDriverSpan(describeStatements(statements, keyspace));
  return execute().then(
    (result) => {
      tracing.endDriverSpan(span);
      return result;
    },
    (err: unknown) => {
      tracing.endDriverSpan(span, err);
      throw err;
    },
  );
}

const SCHEMA_VERBS = { CREATED: 'CREATE', UPDATED: 'ALTER', DROPPED: 'DROP' } as const;

/** What the span says: one statement, or the statements of one batch (`BATCH`, with their count). */
export function describeStatements(
  statements: readonly ClassifiedStatement[],
  keyspace: string | undefined,
): DriverStatement {
  const first = statements[0];
  if (statements.length === 1 && first?.schemaChange) {
    const change = first.schemaChange;
    return {
      operation: `${SCHEMA_VERBS[change.changeType]} ${change.target}`,
      keyspace: change.keyspace ?? keyspace,
      table: change.target === 'TABLE' ? change.name : undefined,
    };
  }
  const tables = new Map<string, { keyspace: string; name: string }>();
  for (const statement of statements) {
    try {
      for (const table of tablesOf(statement, keyspace)) tables.set(`${table.keyspace}.${table.name}`, table);
    } catch {
      // A table without a keyspace and none given: Cassandra refuses it; the span names no table.
    }
  }
  const keyspaces = new Set([...tables.values()].map((t) => t.keyspace));
  const only = tables.size === 1 ? [...tables.values()][0] : undefined;
  const batch = statements.length > 1 || first?.kind === 'batch';
  return {
    operation: batch ? 'BATCH' : (first?.kind ?? 'other').toUpperCase(),
    keyspace: keyspaces.size === 1 ? [...keyspaces][0] : keyspace,
    table: only?.name,
    batchSize: statements.length > 1 ? statements.length : undefined,
  };
}
