// Row reads: GET /v2/keyspaces/{ks}/{table}?where=…, GET …/rows (all rows), GET …/{pk…}
// (a row or the rows under a primary-key prefix). Each is one bridge round trip: the query is
// built from the cached table description and sent with ExecuteQueryWithSchema.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Condition } from '../../../common/src/cql/condition.js';
import type { TableView } from '../../../common/src/schema/table-view.js';
import { ref } from '../http/rest-schemas.js';
import { parseFields } from '../parse/fields.js';
import { pagingParameters } from '../parse/paging.js';
import { keyConditions, primaryKeySegments } from '../parse/primary-key-path.js';
import { parseSort } from '../parse/sort.js';
import { annPaging } from '../parse/vector-sort.js';
import { parseWhere } from '../parse/where.js';
import { sendJsonText } from '../respond/json-reply.js';
import { rowsResponseFromBytes } from '../respond/rows-json-bytes.js';
import { layoutOfColumns, type RowLayout } from '../respond/rows-response.js';
import { executeOnTableEncoded } from '../schema/execute-on-table.js';
import { checkFilterable } from '../translate/filtering-check.js';
import { buildPointRead } from '../translate/point-read.js';
import { buildRowsQuery } from '../translate/select-rows.js';
import type { RestDeps } from './rest-deps.js';
import {
  errorResponses,
  primaryKeyParams,
  type RowsQuery,
  rowsQuerystring,
  TAG_DATA,
  tableParams,
} from './route-schemas.js';

interface TableRoute {
  Params: { keyspace: string; table: string };
  Querystring: RowsQuery;
}

const rowsResponses = {
  200: {
    description: 'Rows (with raw=true: only the array of rows)',
    anyOf: [ref('RowsResponse'), { type: 'array', items: ref('Row') }],
  },
  ...errorResponses,
};

export function rowsReadRoutes(app: FastifyInstance, deps: RestDeps): void {
  const { maxPageSize } = deps.config;

  app.get<TableRoute>(
    '/v2/keyspaces/:keyspace/:table',
    {
      schema: {
        tags: [TAG_DATA],
        summary: 'Search a table',
        description: 'Rows that match the where clause, a page at a time.',
        params: tableParams,
        querystring: rowsQuerystring(maxPageSize, 'required'),
        response: rowsResponses,
      },
    },
    (req, reply) =>
      readRows(deps, req, reply, (table, compact) => {
        const where = parseWhere(req.query.where ?? '', table, compact);
        checkFilterable(table, where);
        return where;
      }),
  );

  app.get<TableRoute>(
    '/v2/keyspaces/:keyspace/:table/rows',
    {
      schema: {
        tags: [TAG_DATA],
        summary: 'Retrieve all rows',
        params: tableParams,
        querystring: rowsQuerystring(maxPageSize, 'none'),
        response: rowsResponses,
      },
    },
    (req, reply) => readRows(deps, req, reply, () => []),
  );

  app.get<TableRoute>(
    '/v2/keyspaces/:keyspace/:table/*',
    {
      schema: {
        tags: [TAG_DATA],
        summary: 'Get rows by primary key',
        description:
          'The row with the given primary key, or the rows under a prefix of it (at least the whole partition key).',
        params: primaryKeyParams,
        querystring: rowsQuerystring(maxPageSize, 'none'),
        response: rowsResponses,
      },
    },
    (req, reply) => {
      const segments = primaryKeySegments(req.url);
      if (req.query.fields || req.query.sort) {
        return readRows(deps, req, reply, (table, compact) =>
          keyConditions(table, segments, 'find', compact),
        );
      }
      return readByKey(deps, req, reply, segments);
    },
  );
}

/** The lean path: all columns, no sort — the statement comes from a per-table cache. */
async function readByKey(
  deps: RestDeps,
  req: FastifyRequest<TableRoute>,
  reply: FastifyReply,
  segments: readonly string[],
): Promise<FastifyReply> {
  const query = req.query;
  const compact = query.compactMapData ?? deps.config.compactMapData;
  const { encodedResponse, table } = await executeOnTableEncoded(
    deps.schemaCache,
    { keyspace: req.params.keyspace, table: req.params.table, token: req.token },
    (table) =>
      buildPointRead(
        table,
        keyConditions(table, segments, 'find', compact),
        pagingParameters(query['page-size'], query['page-state']),
      ),
  );
  const layout = layoutOfColumns(table.ordered, compact);
  return sendJsonText(reply, 200, rowsResponseFromBytes(encodedResponse, layout, query.raw === true));
}

async function readRows(
  deps: RestDeps,
  req: FastifyRequest<TableRoute>,
  reply: FastifyReply,
  conditions: (table: TableView, compactMapData: boolean) => Condition[],
): Promise<FastifyReply> {
  const query = req.query;
  const compact = query.compactMapData ?? deps.config.compactMapData;
  let layout: RowLayout | undefined;
  const { encodedResponse } = await executeOnTableEncoded(
    deps.schemaCache,
    { keyspace: req.params.keyspace, table: req.params.table, token: req.token },
    (table) => {
      const where = conditions(table, compact);
      const sort = parseSort(query.sort, table);
      const fields = parseFields(query.fields, table, sort.vector);
      layout = layoutOfColumns(fields, compact);
      if (sort.vector) {
        const { limit, parameters } = annPaging(query['page-size'], query['page-state']);
        return buildRowsQuery({
          table,
          fields,
          where,
          orderBy: [],
          paging: parameters,
          ann: { vector: sort.vector, limit },
        });
      }
      return buildRowsQuery({
        table,
        fields,
        where,
        orderBy: sort.orderBy,
        paging: pagingParameters(query['page-size'], query['page-state']),
      });
    },
  );
  return sendJsonText(reply, 200, rowsResponseFromBytes(encodedResponse, layout!, query.raw === true));
}
