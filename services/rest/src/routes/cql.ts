// POST /v2/cql — a CQL statement in the body (text/plain), run as is; rows come back in the rows
// response. Off by default, as in Stargate (REST_CQL_ENABLED=true turns it on); when off, the
// route answers 404 saying so.
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { QueryParameters } from '../../../common/src/proto/generated/stargate/QueryParameters.js';
import { ref } from '../http/rest-schemas.js';
import { pagingParameters } from '../parse/paging.js';
import { sendJsonText } from '../respond/json-reply.js';
import { layoutOfResultSet, rowsResponse } from '../respond/rows-response.js';
import type { RestDeps } from './rest-deps.js';
import { compactMapDataQuery, errorResponses, pageStateQuery, rawQuery, TAG_DATA } from './route-schemas.js';

interface CqlRoute {
  Querystring: {
    keyspace?: string;
    'page-size'?: number;
    'page-state'?: string;
    raw?: boolean;
    compactMapData?: boolean;
  };
  Body: string;
}

export function cqlRoutes(app: FastifyInstance, deps: RestDeps): void {
  if (!deps.config.cqlEnabled) {
    app.post('/v2/cql', { schema: { hide: true } }, () => {
      throw new ApiError('REST_CQL_DISABLED');
    });
    return;
  }
  // The body is CQL text whatever the Content-Type says (curl -d sends form encoding).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.post<CqlRoute>(
    '/v2/cql',
    {
      schema: {
        tags: [TAG_DATA],
        summary: 'Run a CQL statement',
        description: 'Disabled unless REST_CQL_ENABLED=true.',
        querystring: {
          type: 'object',
          properties: {
            keyspace: { type: 'string', description: 'Keyspace of unqualified table names' },
            'page-size': { type: 'integer', minimum: 1, maximum: deps.config.maxPageSize },
            'page-state': pageStateQuery,
            ...rawQuery,
            ...compactMapDataQuery,
          },
        },
        body: { type: 'string', description: 'The CQL statement' },
        response: { 200: ref('RowsResponse'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const cql = (req.body ?? '').trim();
      if (cql === '') throw new ApiError('REST_CQL_BODY_REQUIRED');
      const parameters: QueryParameters = {
        ...pagingParameters(req.query['page-size'], req.query['page-state']),
        skipMetadata: false,
      };
      if (req.query.keyspace) parameters.keyspace = { value: req.query.keyspace };
      const response = await deps.bridge.executeQuery({ cql, parameters }, { token: req.token });
      const change = response.schemaChange;
      if (change?.keyspace) deps.schemaCache.invalidate(change.keyspace);
      const compact = req.query.compactMapData ?? deps.config.compactMapData;
      const layout = layoutOfResultSet(response.resultSet, compact);
      return sendJsonText(reply, 200, rowsResponse(response.resultSet, layout, req.query.raw === true));
    },
  );
}
