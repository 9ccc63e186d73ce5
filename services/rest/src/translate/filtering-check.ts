// Refuses, before Cassandra does, the `where` clauses Cassandra can only run with ALLOW FILTERING
// (which the REST API never adds, as Stargate's doesn't), with a message that says why. Only the
// cases that are certain are caught here; Cassandra's own refusal of subtler ones is rephrased
// by http/rest-errors.ts.
import type { Condition } from '../../../common/src/cql/condition.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { TableView } from '../../../common/src/schema/table-view.js';

export function checkFilterable(table: TableView, conditions: readonly Condition[]): void {
  const restricted = new Map<string, Condition[]>();
  for (const c of conditions) restricted.set(c.column, [...(restricted.get(c.column) ?? []), c]);
  for (const name of restricted.keys()) {
    const column = table.column(name);
    if (column && !column.isPrimaryKey && !column.indexed) {
      refuse(`column '${name}' is neither part of the primary key nor indexed`);
    }
  }
  // With an index in play Cassandra plans the query differently: leave the rest to it.
  if ([...restricted.keys()].some((name) => table.column(name)?.indexed)) return;
  const partition = table.partitionKey.map((c) => c.name);
  const byEqualityOrIn = (name: string) =>
    (restricted.get(name) ?? []).some((c) => c.operator === '=' || c.operator === 'IN');
  const restrictedPartition = partition.filter((name) => restricted.has(name));
  if (restrictedPartition.length > 0) {
    const missing = partition.filter((name) => !byEqualityOrIn(name));
    if (missing.length > 0) {
      refuse(
        `the partition key (${partition.join(', ')}) is only partly restricted: ${missing.join(', ')} has no $eq or $in condition`,
      );
    }
    return;
  }
  const clustering = table.clusteringKey.find((c) => restricted.has(c.name));
  if (clustering) {
    refuse(
      `clustering column '${clustering.name}' is restricted but the partition key (${partition.join(', ')}) is not`,
    );
  }
}

function refuse(detail: string): never {
  throw new ApiError('REST_WHERE_NEEDS_FILTERING', { detail });
}
