// GET /v2/keyspaces/{ks}/{table}/count?where=… — beyond Stargate (asked for in stargate#870,
// #1514): the number of rows a read with the same `where` would return, counted by Cassandra
// (SELECT COUNT(*)). Without `where` it counts the whole table, which reads every partition.
import type { FastifyInstance } from 'fastify';
import { bigintCodec } from '../../../common/src/codecs/json-numbers.js';
import { ref } from '../http/rest-schemas.js';
import { parseWhere } from '../parse/where.js';
import { sendJsonText } from '../respond/json-reply.js';
import { executeOnTable } from '../schema/execute-on-table.js';
import { buildCountQuery } from '../translate/count-rows.js';
import { checkFilterable } from '../translate/filtering-check.js';
import type { RestDeps } from './rest-deps.js';
import { errorResponses, TAG_DATA, tableParams, whereQuery } from './route-schemas.js';

interface CountRoute {
  Params: { keyspace: string; table: string };
  Querystring: { where?: string };
}

export function countRowsRoutes(app: FastifyInstance, deps: RestDeps): void {
  app.get<CountRoute>(
    '/v2/keyspaces/:keyspace/:table/count',
    {
      schema: {
        tags: [TAG_DATA],
        summary: 'Count rows',
        description:
          'The number of rows matching `where` (same syntax and rules as a search). Without `where`, every row of the table is counted: a full scan.',
        params: tableParams,
        querystring: {
          type: 'object',
          properties: { where: whereQuery('JSON conditions, as for a search; {} or none counts every row') },
        },
        response: { 200: ref('RowCount'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { response } = await executeOnTable(
        deps.schemaCache,
        { keyspace: req.params.keyspace, table: req.params.table, token: req.token },
        (table) => {
          const where = req.query.where ? parseWhere(req.query.where, table, true) : [];
          checkFilterable(table, where);
          return buildCountQuery(table, where);
        },
      );
      const count = response.resultSet?.rows?.[0]?.values?.[0];
      return sendJsonText(reply, 200, `{"count":${count ? bigintCodec.toJson(count) : '0'}}`);
    },
  );
}
