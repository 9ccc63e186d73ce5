// User-defined types: GET /v2/schemas/keyspaces/{ks}/types[/{type}], POST …/types (create),
// PUT …/types (add and/or rename fields), DELETE …/types/{type}.
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { FastifyInstance } from 'fastify';
import { BridgeCallError } from '../../../common/src/bridge/bridge-call-error.js';
import {
  buildAlterTypeAddFields,
  buildAlterTypeRenameFields,
  buildCreateType,
  buildDropType,
} from '../../../common/src/cql/ddl.js';
import { validateColumnName, validateSchemaName } from '../../../common/src/cql/identifier.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { ref } from '../http/rest-schemas.js';
import { dataOrRaw, sendJson } from '../respond/json-reply.js';
import { udtJson } from '../respond/schema-response.js';
import { describeKeyspace } from '../schema/execute-on-table.js';
import { runSchemaStatement } from '../schema/run-schema-statement.js';
import type { RestDeps } from './rest-deps.js';
import {
  dataOrRawResponse,
  errorResponses,
  keyspaceParams,
  rawQuery,
  schemaName,
  TAG_SCHEMA,
} from './route-schemas.js';

interface Field {
  name: string;
  typeDefinition: string;
}
interface UdtAdd {
  name: string;
  fields: Field[];
  ifNotExists?: boolean;
}
interface UdtUpdate {
  name: string;
  addFields?: Field[];
  renameFields?: Array<{ from: string; to: string }>;
}

const PREFIX = '/v2/schemas/keyspaces/:keyspace/types';
const typeParams = {
  type: 'object',
  properties: {
    ...keyspaceParams.properties,
    type: schemaName('Type name'),
  },
  required: ['keyspace', 'type'],
} as const;

export function udtRoutes(app: FastifyInstance, deps: RestDeps): void {
  const rawOnly = { type: 'object', properties: { ...rawQuery } };

  app.get<{ Params: { keyspace: string }; Querystring: { raw?: boolean } }>(
    PREFIX,
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Get all user-defined types',
        params: keyspaceParams,
        querystring: rawOnly,
        response: {
          200: dataOrRawResponse('Types', { type: 'array', items: ref('UserDefinedType') }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const { keyspace } = req.params;
      const description = await describeKeyspace(deps.schemaCache, keyspace, req.token);
      const types = (description.types ?? []).map((t) => udtJson(keyspace, t));
      return sendJson(reply, 200, dataOrRaw(types, req.query.raw));
    },
  );

  app.get<{ Params: { keyspace: string; type: string }; Querystring: { raw?: boolean } }>(
    `${PREFIX}/:type`,
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Get a user-defined type',
        params: typeParams,
        querystring: rawOnly,
        response: { 200: dataOrRawResponse('The type', ref('UserDefinedType')), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { keyspace, type } = req.params;
      const description = await describeKeyspace(deps.schemaCache, keyspace, req.token);
      const udt = (description.types ?? []).find((t) => t.name === type);
      if (!udt) throw new ApiError('REST_UDT_NOT_FOUND', { type, keyspace });
      return sendJson(reply, 200, dataOrRaw(udtJson(keyspace, udt), req.query.raw));
    },
  );

  app.post<{ Params: { keyspace: string }; Body: UdtAdd }>(
    PREFIX,
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Create a user-defined type',
        params: keyspaceParams,
        body: ref('UserDefinedTypeAdd'),
        response: { 201: ref('NameResponse'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { keyspace } = req.params;
      const { name, fields, ifNotExists } = req.body;
      validateSchemaName(name, 'type');
      for (const f of fields) validateColumnName(f.name, 'field');
      const statement = buildCreateType({
        keyspace,
        name,
        ifNotExists,
        fields: fields.map((f) => ({ name: f.name, type: f.typeDefinition })),
      });
      try {
        await runSchemaStatement(deps, req.token, keyspace, statement);
      } catch (err) {
        // Stargate answers an existing type with 400 "Bad request: <Cassandra's message>".
        const exists =
          err instanceof BridgeCallError &&
          (err.code === GrpcStatus.ALREADY_EXISTS || err.code === GrpcStatus.INVALID_ARGUMENT) &&
          err.message.includes('already exists');
        if (exists) {
          throw new ApiError('REST_UDT_ALREADY_EXISTS', { detail: (err as Error).message });
        }
        throw err;
      }
      return sendJson(reply, 201, { name });
    },
  );

  app.put<{ Params: { keyspace: string }; Body: UdtUpdate }>(
    PREFIX,
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Change a user-defined type',
        description: 'Adds fields (addFields) and/or renames fields (renameFields).',
        params: keyspaceParams,
        body: ref('UserDefinedTypeUpdate'),
        response: { 200: { description: 'Changed', type: 'null' }, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { keyspace } = req.params;
      const { name, addFields = [], renameFields = [] } = req.body;
      validateSchemaName(name, 'type');
      if (addFields.length === 0 && renameFields.length === 0) {
        throw new ApiError('REQUEST_INVALID', {
          detail: 'addFields and/or renameFields is required to update an UDT',
        });
      }
      for (const f of addFields) validateColumnName(f.name, 'field');
      for (const r of renameFields) validateColumnName(r.to, 'field');
      const token = req.token;
      const fields = addFields.map((f) => ({ name: f.name, type: f.typeDefinition }));
      for (const statement of buildAlterTypeAddFields({ keyspace, name, fields })) {
        await runSchemaStatement(deps, token, keyspace, statement);
      }
      if (renameFields.length > 0) {
        await runSchemaStatement(
          deps,
          token,
          keyspace,
          buildAlterTypeRenameFields({ keyspace, name, renames: renameFields }),
        );
      }
      return reply.code(200).send();
    },
  );

  app.delete<{ Params: { keyspace: string; type: string } }>(
    `${PREFIX}/:type`,
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Delete a user-defined type',
        params: typeParams,
        response: { 204: { description: 'Deleted (or did not exist)', type: 'null' }, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { keyspace, type } = req.params;
      await runSchemaStatement(
        deps,
        req.token,
        keyspace,
        buildDropType({ keyspace, name: type, ifExists: true }),
      );
      return reply.code(204).send();
    },
  );
}
