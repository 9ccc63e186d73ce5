// Columns: GET …/tables/{table}/columns[/{column}], POST …/columns (add), PUT …/columns/{column}
// (rename: Cassandra renames primary-key columns only), DELETE …/columns/{column}.
import type { FastifyInstance } from 'fastify';
import { buildAddColumn, buildDropColumn, buildRenameColumn } from '../../../common/src/cql/ddl.js';
import { validateColumnName } from '../../../common/src/cql/identifier.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { ref } from '../http/rest-schemas.js';
import { dataOrRaw, sendJson } from '../respond/json-reply.js';
import { columnJson } from '../respond/schema-response.js';
import { requireTable } from '../schema/execute-on-table.js';
import { runSchemaStatement } from '../schema/run-schema-statement.js';
import type { RestDeps } from './rest-deps.js';
import {
  columnName,
  dataOrRawResponse,
  errorResponses,
  rawQuery,
  TAG_SCHEMA,
  tableParams,
} from './route-schemas.js';

type TableParams = { keyspace: string; table: string };
type ColumnParams = TableParams & { column: string };
interface ColumnBody {
  name: string;
  typeDefinition?: string;
  static?: boolean;
}

const columnParams = {
  type: 'object',
  properties: {
    ...tableParams.properties,
    column: columnName('Column name'),
  },
  required: ['keyspace', 'table', 'column'],
} as const;

const PREFIX = '/v2/schemas/keyspaces/:keyspace/tables/:table/columns';

export function columnRoutes(app: FastifyInstance, deps: RestDeps): void {
  const rawOnly = { type: 'object', properties: { ...rawQuery } };
  const table = (params: TableParams, token: string) =>
    requireTable(deps.schemaCache, { keyspace: params.keyspace, table: params.table, token });

  app.get<{ Params: TableParams; Querystring: { raw?: boolean } }>(
    PREFIX,
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Get all columns',
        params: tableParams,
        querystring: rawOnly,
        response: {
          200: dataOrRawResponse('Columns', { type: 'array', items: ref('ColumnDefinition') }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const model = await table(req.params, req.token);
      return sendJson(reply, 200, dataOrRaw(model.ordered.map(columnJson), req.query.raw));
    },
  );

  app.get<{ Params: ColumnParams; Querystring: { raw?: boolean } }>(
    `${PREFIX}/:column`,
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Get a column',
        params: columnParams,
        querystring: rawOnly,
        response: { 200: dataOrRawResponse('The column', ref('ColumnDefinition')), ...errorResponses },
      },
    },
    async (req, reply) => {
      const model = await table(req.params, req.token);
      const column = model.column(req.params.column);
      if (!column)
        throw new ApiError('REST_COLUMN_NOT_FOUND', { column: req.params.column, table: model.name });
      return sendJson(reply, 200, dataOrRaw(columnJson(column), req.query.raw));
    },
  );

  app.post<{ Params: TableParams; Body: ColumnBody }>(
    PREFIX,
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Add a column',
        params: tableParams,
        body: ref('ColumnDefinition'),
        response: { 201: ref('NameResponse'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { keyspace } = req.params;
      const token = req.token;
      const model = await table(req.params, token);
      const { name, typeDefinition = '', static: isStatic } = req.body;
      validateColumnName(name);
      const statement = buildAddColumn({
        keyspace,
        table: model.name,
        column: { name, type: typeDefinition, isStatic },
      });
      await runSchemaStatement(deps, token, keyspace, statement);
      return sendJson(reply, 201, { name });
    },
  );

  app.put<{ Params: ColumnParams; Body: ColumnBody }>(
    `${PREFIX}/:column`,
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Rename a column',
        description: 'Cassandra can rename primary key columns only.',
        params: columnParams,
        body: ref('ColumnRename'),
        response: { 200: ref('NameResponse'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { keyspace, column } = req.params;
      const newName = req.body.name;
      validateColumnName(newName);
      if (newName === column) return sendJson(reply, 200, { name: newName });
      const token = req.token;
      const model = await table(req.params, token);
      requireColumn(model, column);
      await runSchemaStatement(
        deps,
        token,
        keyspace,
        buildRenameColumn({ keyspace, table: model.name, from: column, to: newName }),
      );
      return sendJson(reply, 200, { name: newName });
    },
  );

  app.delete<{ Params: ColumnParams }>(
    `${PREFIX}/:column`,
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Delete a column',
        params: columnParams,
        response: { 204: { description: 'Deleted', type: 'null' }, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { keyspace, column } = req.params;
      const token = req.token;
      const model = await table(req.params, token);
      requireColumn(model, column);
      await runSchemaStatement(
        deps,
        token,
        keyspace,
        buildDropColumn({ keyspace, table: model.name, column }),
      );
      return reply.code(204).send();
    },
  );
}

/** 400 when the table has no such column (rename and drop act on existing columns only). */
function requireColumn(model: { name: string; column(name: string): unknown }, column: string): void {
  if (!model.column(column)) throw new ApiError('REST_COLUMN_NOT_IN_TABLE', { column, table: model.name });
}
