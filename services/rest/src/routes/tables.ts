// Tables: GET /v2/schemas/keyspaces/{ks}/tables[/{table}], POST …/tables (create), PUT
// …/tables/{table} (only the default TTL can change, as in Stargate), DELETE …/tables/{table}.
import type { FastifyInstance } from 'fastify';
import { buildAlterTableOptions, buildDropTable } from '../../../common/src/cql/ddl.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { tableView } from '../../../common/src/schema/table-view.js';
import { ref } from '../http/rest-schemas.js';
import { dataOrRaw, sendJson } from '../respond/json-reply.js';
import { tableJson } from '../respond/schema-response.js';
import { describeKeyspace, requireTable } from '../schema/execute-on-table.js';
import { runSchemaStatement } from '../schema/run-schema-statement.js';
import { buildCreateTableStatement, type TableAddRequest } from '../translate/table-ddl.js';
import type { RestDeps } from './rest-deps.js';
import {
  dataOrRawResponse,
  errorResponses,
  keyspaceParams,
  rawQuery,
  TAG_SCHEMA,
  tableParams,
} from './route-schemas.js';

type TableParams = { keyspace: string; table: string };

export function tableRoutes(app: FastifyInstance, deps: RestDeps): void {
  const rawOnly = { type: 'object', properties: { ...rawQuery } };

  app.get<{ Params: { keyspace: string }; Querystring: { raw?: boolean } }>(
    '/v2/schemas/keyspaces/:keyspace/tables',
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Get all tables',
        params: keyspaceParams,
        querystring: rawOnly,
        response: {
          200: dataOrRawResponse('Tables', { type: 'array', items: ref('Table') }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const { keyspace } = req.params;
      const description = await describeKeyspace(deps.schemaCache, keyspace, req.token);
      const tables = (description.tables ?? []).map((t) => tableJson(tableView(description, t.name ?? '')!));
      return sendJson(reply, 200, dataOrRaw(tables, req.query.raw));
    },
  );

  app.get<{ Params: TableParams; Querystring: { raw?: boolean } }>(
    '/v2/schemas/keyspaces/:keyspace/tables/:table',
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Get a table',
        params: tableParams,
        querystring: rawOnly,
        response: { 200: dataOrRawResponse('The table', ref('Table')), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { keyspace, table } = req.params;
      const description = await describeKeyspace(deps.schemaCache, keyspace, req.token);
      const model = tableView(description, table);
      if (!model) throw new ApiError('REST_TABLE_NOT_DESCRIBED', { keyspace, table });
      return sendJson(reply, 200, dataOrRaw(tableJson(model), req.query.raw));
    },
  );

  app.post<{ Params: { keyspace: string }; Body: TableAddRequest }>(
    '/v2/schemas/keyspaces/:keyspace/tables',
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Create a table',
        params: keyspaceParams,
        body: ref('TableAdd'),
        response: { 201: ref('NameResponse'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { keyspace } = req.params;
      const statement = buildCreateTableStatement(keyspace, req.body);
      await runSchemaStatement(deps, req.token, keyspace, statement);
      return sendJson(reply, 201, { name: req.body.name });
    },
  );

  app.put<{ Params: TableParams; Body: Partial<TableAddRequest> }>(
    '/v2/schemas/keyspaces/:keyspace/tables/:table',
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Change a table',
        description: 'Only tableOptions.defaultTimeToLive can change.',
        params: tableParams,
        body: ref('TableUpdate'),
        response: { 200: ref('NameResponse'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { keyspace, table } = req.params;
      const options = req.body.tableOptions ?? {};
      if (options.clusteringExpression?.length) {
        throw new ApiError('REQUEST_INVALID', { detail: 'Cannot update the clustering order of a table' });
      }
      if (options.defaultTimeToLive === undefined) {
        throw new ApiError('REQUEST_INVALID', { detail: 'No update provided for defaultTTL' });
      }
      const token = req.token;
      await requireTable(deps.schemaCache, { keyspace, table, token });
      const statement = buildAlterTableOptions({
        keyspace,
        table,
        defaultTimeToLiveSeconds: options.defaultTimeToLive,
      });
      await runSchemaStatement(deps, token, keyspace, statement);
      return sendJson(reply, 200, { name: table });
    },
  );

  app.delete<{ Params: TableParams }>(
    '/v2/schemas/keyspaces/:keyspace/tables/:table',
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Delete a table',
        params: tableParams,
        response: { 204: { description: 'Deleted (or did not exist)', type: 'null' }, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { keyspace, table } = req.params;
      await runSchemaStatement(
        deps,
        req.token,
        keyspace,
        buildDropTable({ keyspace, table, ifExists: true }),
      );
      return reply.code(204).send();
    },
  );
}
