// Indexes: GET …/tables/{table}/indexes (the table's rows of system_schema.indexes, as Stargate
// returns them), POST …/indexes (secondary index, or a custom one such as SAI with
// "type": "StorageAttachedIndex"; kind KEYS/VALUES/ENTRIES/FULL for collections; on a vector
// column, "options": {"similarity_function": "COSINE"|"DOT_PRODUCT"|"EUCLIDEAN"}), DELETE …/indexes/{index}.
import type { FastifyInstance } from 'fastify';
import { buildCreateIndex, buildDropIndex, type IndexKind } from '../../../common/src/cql/ddl.js';
import { validateSchemaName } from '../../../common/src/cql/identifier.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { ref } from '../http/rest-schemas.js';
import { sendJson, sendJsonText } from '../respond/json-reply.js';
import { layoutOfResultSet, rowsJson } from '../respond/rows-response.js';
import { requireTable } from '../schema/execute-on-table.js';
import { runSchemaStatement } from '../schema/run-schema-statement.js';
import { checkedVectorOptions } from '../translate/vector-index-options.js';
import type { RestDeps } from './rest-deps.js';
import { compactMapDataQuery, errorResponses, schemaName, TAG_SCHEMA, tableParams } from './route-schemas.js';

type TableParams = { keyspace: string; table: string };

interface IndexAdd {
  column: string;
  name?: string;
  type?: string;
  kind?: IndexKind;
  options?: Record<string, string>;
  ifNotExists?: boolean;
}

const PREFIX = '/v2/schemas/keyspaces/:keyspace/tables/:table/indexes';

export function indexRoutes(app: FastifyInstance, deps: RestDeps): void {
  app.get<{ Params: TableParams; Querystring: { compactMapData?: boolean } }>(
    PREFIX,
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Get all indexes of a table',
        description: "The table's rows of system_schema.indexes.",
        params: tableParams,
        querystring: { type: 'object', properties: { ...compactMapDataQuery } },
        response: { 200: { type: 'array', items: ref('Row') }, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { keyspace, table } = req.params;
      const token = req.token;
      await requireTable(deps.schemaCache, { keyspace, table, token });
      const response = await deps.bridge.executeQuery(
        {
          cql: 'SELECT * FROM system_schema.indexes WHERE keyspace_name = ? AND table_name = ?',
          values: { values: [{ string: keyspace }, { string: table }] },
        },
        { token, idempotent: true },
      );
      const compact = req.query.compactMapData ?? deps.config.compactMapData;
      const layout = layoutOfResultSet(response.resultSet, compact);
      return sendJsonText(reply, 200, rowsJson(response.resultSet?.rows, layout));
    },
  );

  app.post<{ Params: TableParams; Body: IndexAdd }>(
    PREFIX,
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Create an index',
        params: tableParams,
        body: ref('IndexAdd'),
        response: { 201: ref('SuccessResponse'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { keyspace, table } = req.params;
      const token = req.token;
      const model = await requireTable(deps.schemaCache, { keyspace, table, token });
      const { column, name, type, kind, options, ifNotExists } = req.body;
      if (!model.column(column)) throw new ApiError('REST_COLUMN_NOT_FOUND', { column, table });
      if (name !== undefined) validateSchemaName(name, 'index');
      if (options && Object.keys(options).length > 0 && !type) {
        throw new ApiError('REQUEST_INVALID', {
          detail: 'Index options need a custom index \'type\' (e.g. "StorageAttachedIndex")',
        });
      }
      const statement = buildCreateIndex({
        keyspace,
        table,
        column,
        name,
        kind,
        customClass: type,
        options: checkedVectorOptions(model.column(column)!, type, options),
        ifNotExists,
      });
      await runSchemaStatement(deps, token, keyspace, statement);
      return sendJson(reply, 201, { success: true });
    },
  );

  app.delete<{ Params: TableParams & { index: string }; Querystring: { ifExists?: boolean } }>(
    `${PREFIX}/:index`,
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Delete an index',
        params: {
          type: 'object',
          properties: {
            ...tableParams.properties,
            index: schemaName('Index name'),
          },
          required: ['keyspace', 'table', 'index'],
        },
        querystring: {
          type: 'object',
          properties: {
            ifExists: {
              type: 'boolean',
              default: false,
              description: 'No error if the index does not exist',
            },
          },
        },
        response: { 204: { description: 'Deleted', type: 'null' }, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { keyspace, table, index } = req.params;
      const token = req.token;
      await requireTable(deps.schemaCache, { keyspace, table, token });
      await runSchemaStatement(
        deps,
        token,
        keyspace,
        buildDropIndex({ keyspace, index, ifExists: req.query.ifExists }),
      );
      return reply.code(204).send();
    },
  );
}
