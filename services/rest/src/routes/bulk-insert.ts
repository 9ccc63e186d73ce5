// POST /v2/keyspaces/{ks}/{table}/bulk — beyond Stargate (its users asked for it: stargate#821,
// #1056). An array of rows, each written as its own INSERT with at most REST_BULK_INSERT_CONCURRENCY
// in flight. Not atomic: every row succeeds or fails on its own, and the response says which.
import type { FastifyInstance } from 'fastify';
import type { JsonInput } from '../../../common/src/codecs/json-codec.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { toErrorBody } from '../../../common/src/http/error-handler.js';
import { mapWithConcurrency } from '../bulk/map-with-concurrency.js';
import { toRestError } from '../http/rest-errors.js';
import { ref } from '../http/rest-schemas.js';
import { parseWriteOptions, type WriteOptionsQuery } from '../parse/write-options.js';
import { sendJson } from '../respond/json-reply.js';
import { executeOnTable, requireTable, type TableTarget } from '../schema/execute-on-table.js';
import { buildInsertRow } from '../translate/insert-row.js';
import type { RestDeps } from './rest-deps.js';
import {
  compactMapDataQuery,
  errorResponses,
  TAG_DATA,
  tableParams,
  writeOptionsQuery,
} from './route-schemas.js';
import { rowInput } from './rows-write.js';

interface BulkRoute {
  Params: { keyspace: string; table: string };
  Querystring: { compactMapData?: boolean } & WriteOptionsQuery;
  Body: JsonInput[];
}

type RowResult =
  | { index: number; inserted: true }
  | { index: number; inserted: false; error: { description: string; code: number } };

export function bulkInsertRoutes(app: FastifyInstance, deps: RestDeps): void {
  const { bulkInsertMaxRows, bulkInsertConcurrency } = deps.config;
  app.post<BulkRoute>(
    '/v2/keyspaces/:keyspace/:table/bulk',
    {
      schema: {
        tags: [TAG_DATA],
        summary: 'Add many rows',
        description: `Inserts up to ${bulkInsertMaxRows} rows, ${bulkInsertConcurrency} at a time. Not atomic: each row is written (or refused) on its own, and the response reports every row. \`ttl\` and \`timestamp\` apply to every row (USING TTL ? AND TIMESTAMP ?); a bad value refuses the whole request with 400 before any row is written.`,
        params: tableParams,
        querystring: { type: 'object', properties: { ...compactMapDataQuery, ...writeOptionsQuery } },
        body: ref('BulkInsertRequest'),
        response: { 200: ref('BulkInsertResponse'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const rows = req.body;
      if (rows.length > bulkInsertMaxRows) {
        throw new ApiError('REST_BULK_TOO_MANY_ROWS', { max: bulkInsertMaxRows, count: rows.length });
      }
      const compact = req.query.compactMapData ?? deps.config.compactMapData;
      const target: TableTarget = {
        keyspace: req.params.keyspace,
        table: req.params.table,
        token: req.token,
      };
      // A missing keyspace or table, or a bad ttl or timestamp, fails the request as a whole,
      // before any row is tried.
      const writeOptionsGiven = req.query.ttl !== undefined || req.query.timestamp !== undefined;
      if (rows.length > 0 || writeOptionsGiven) {
        parseWriteOptions(req.query, await requireTable(deps.schemaCache, target));
      }
      const results = await mapWithConcurrency(
        rows,
        bulkInsertConcurrency,
        async (row, index): Promise<RowResult> => {
          try {
            await executeOnTable(deps.schemaCache, target, (table) => {
              const options = parseWriteOptions(req.query, table);
              return rowInput(() => buildInsertRow(table, row, compact, options));
            });
            return { index, inserted: true };
          } catch (err) {
            const error = toErrorBody(toRestError(err));
            if (error.code >= 500) req.log.error({ err, index }, 'bulk insert row failed');
            return { index, inserted: false, error };
          }
        },
      );
      const inserted = results.filter((r) => r.inserted).length;
      return sendJson(reply, 200, { count: rows.length, inserted, failed: rows.length - inserted, results });
    },
  );
}
