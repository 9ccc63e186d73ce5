// Row writes: POST /v2/keyspaces/{ks}/{table} (insert; 201 with the body echoed), PUT and PATCH
// …/{pk…} (update one row; counters are incremented), DELETE …/{pk…} (204); …/rows is GET's only.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { stringify } from 'lossless-json';
import type { JsonInput } from '../../../common/src/codecs/json-codec.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { rawJsonBody } from '../http/json-body.js';
import { ref } from '../http/rest-schemas.js';
import { keyConditions, primaryKeySegments } from '../parse/primary-key-path.js';
import { parseWriteOptions, type WriteOptionsQuery } from '../parse/write-options.js';
import { sendJsonText } from '../respond/json-reply.js';
import { executeOnTable } from '../schema/execute-on-table.js';
import { RowInputError } from '../translate/column-values.js';
import { buildDeleteRows } from '../translate/delete-rows.js';
import { buildInsertRow } from '../translate/insert-row.js';
import { buildUpdateRow } from '../translate/update-row.js';
import type { RestDeps } from './rest-deps.js';
import {
  compactMapDataQuery,
  dataOrRawResponse,
  errorResponses,
  primaryKeyParams,
  rawQuery,
  TAG_DATA,
  tableParams,
  writeOptionsQuery,
} from './route-schemas.js';

interface WriteRoute {
  Params: { keyspace: string; table: string };
  Querystring: { raw?: boolean; compactMapData?: boolean } & WriteOptionsQuery;
  Body: JsonInput;
}

/** Body problems become 400s with the problem as the description. */
export function rowInput<T>(build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (err instanceof RowInputError) throw new ApiError('REST_ROW_INVALID', { detail: err.message });
    throw err;
  }
}

/**
 * …/{table}/rows lists the table's rows (GET): a key "rows" is not addressable there, so PUT, PATCH
 * and DELETE answer 405 + Allow on it rather than acting on a row whose key is "rows".
 */
const NOT_ROWS = { servesPath: (path: string) => !/^\/v2\/keyspaces\/[^/]+\/[^/]+\/rows$/.test(path) };

export function rowsWriteRoutes(app: FastifyInstance, deps: RestDeps): void {
  app.post<WriteRoute>(
    '/v2/keyspaces/:keyspace/:table',
    {
      schema: {
        tags: [TAG_DATA],
        summary: 'Add a row',
        description: 'Inserts (or overwrites) one row; the response echoes the request body.',
        params: tableParams,
        querystring: { type: 'object', properties: { ...compactMapDataQuery, ...writeOptionsQuery } },
        body: ref('Row'),
        response: { 201: { description: 'The row as sent', ...ref('Row') }, ...errorResponses },
      },
    },
    async (req, reply) => {
      const compact = req.query.compactMapData ?? deps.config.compactMapData;
      await executeOnTable(deps.schemaCache, target(req), (table) => {
        const options = parseWriteOptions(req.query, table);
        return rowInput(() => buildInsertRow(table, req.body, compact, options));
      });
      return sendJsonText(reply, 201, rawJsonBody(req));
    },
  );

  const update = (req: FastifyRequest<WriteRoute>, reply: FastifyReply) => updateRow(deps, req, reply);
  const updateSchema = (summary: string) => ({
    tags: [TAG_DATA],
    summary,
    description:
      'Updates the columns given in the body of the row named by the path (its whole primary key).',
    params: primaryKeyParams,
    querystring: {
      type: 'object',
      properties: { ...rawQuery, ...compactMapDataQuery, ...writeOptionsQuery },
    },
    body: ref('Row'),
    response: { 200: dataOrRawResponse('The changes as sent', ref('Row')), ...errorResponses },
  });
  app.put<WriteRoute>(
    '/v2/keyspaces/:keyspace/:table/*',
    { schema: updateSchema('Replace a row'), config: NOT_ROWS },
    update,
  );
  app.patch<WriteRoute>(
    '/v2/keyspaces/:keyspace/:table/*',
    { schema: updateSchema('Update part of a row'), config: NOT_ROWS },
    update,
  );

  app.delete<WriteRoute>(
    '/v2/keyspaces/:keyspace/:table/*',
    {
      schema: {
        tags: [TAG_DATA],
        summary: 'Delete rows',
        description:
          'Deletes the row, or the rows under the primary-key prefix (at least the partition key).',
        params: primaryKeyParams,
        response: { 204: { description: 'Deleted', type: 'null' }, ...errorResponses },
      },
      config: NOT_ROWS,
    },
    async (req, reply) => {
      const segments = primaryKeySegments(req.url);
      await executeOnTable(deps.schemaCache, target(req), (table) =>
        buildDeleteRows(table, keyConditions(table, segments, 'delete', true)),
      );
      return reply.code(204).send();
    },
  );
}

async function updateRow(deps: RestDeps, req: FastifyRequest<WriteRoute>, reply: FastifyReply) {
  const compact = req.query.compactMapData ?? deps.config.compactMapData;
  const segments = primaryKeySegments(req.url);
  await executeOnTable(deps.schemaCache, target(req), (table) => {
    const key = keyConditions(table, segments, 'update', compact);
    const options = parseWriteOptions(req.query, table);
    return rowInput(() => buildUpdateRow(table, key, req.body, compact, options));
  });
  const changes = stringify(req.body) ?? '{}';
  return sendJsonText(reply, 200, req.query.raw ? changes : `{"data":${changes}}`);
}

function target(req: FastifyRequest<WriteRoute>) {
  return { keyspace: req.params.keyspace, table: req.params.table, token: req.token };
}
