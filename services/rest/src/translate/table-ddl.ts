// A TableAdd request → CREATE TABLE, after the checks Cassandra's own error would make obscure:
// every key column defined, clustering orders only on clustering columns.
import { buildCreateTable, type Statement } from '../../../common/src/cql/ddl.js';
import { validateColumnName, validateSchemaName } from '../../../common/src/cql/identifier.js';
import { ApiError } from '../../../common/src/errors/api-error.js';

export interface TableAddRequest {
  name: string;
  ifNotExists?: boolean;
  columnDefinitions: Array<{ name: string; typeDefinition: string; static?: boolean }>;
  primaryKey: { partitionKey: string[]; clusteringKey?: string[] };
  tableOptions?: {
    defaultTimeToLive?: number;
    clusteringExpression?: Array<{ column?: string; name?: string; order: string }>;
  };
}

function invalid(detail: string): ApiError {
  return new ApiError('REQUEST_INVALID', { detail });
}

export function buildCreateTableStatement(keyspace: string, request: TableAddRequest): Statement {
  validateSchemaName(request.name, 'table');
  const defined = new Set<string>();
  for (const c of request.columnDefinitions) {
    validateColumnName(c.name);
    if (defined.has(c.name)) throw invalid(`Column '${c.name}' is defined twice`);
    defined.add(c.name);
  }
  const { partitionKey, clusteringKey = [] } = request.primaryKey;
  for (const key of [...partitionKey, ...clusteringKey]) {
    if (!defined.has(key)) throw invalid(`Primary key column '${key}' is not among the columnDefinitions`);
  }
  const clusteringOrder = (request.tableOptions?.clusteringExpression ?? []).map((e) => {
    const column = e.column ?? e.name;
    if (!column) throw invalid("A clusteringExpression needs the 'column' it orders");
    if (!clusteringKey.includes(column)) {
      throw invalid(`Clustering order names '${column}', which is not a clustering key column`);
    }
    return { column, order: e.order.toUpperCase() === 'DESC' ? ('DESC' as const) : ('ASC' as const) };
  });
  return buildCreateTable({
    keyspace,
    table: request.name,
    ifNotExists: request.ifNotExists,
    columns: request.columnDefinitions.map((c) => ({
      name: c.name,
      type: c.typeDefinition,
      isStatic: c.static,
    })),
    partitionKey,
    clusteringKey,
    clusteringOrder,
    defaultTimeToLiveSeconds: request.tableOptions?.defaultTimeToLive,
  });
}
