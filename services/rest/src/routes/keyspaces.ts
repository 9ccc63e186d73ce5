// Keyspaces: GET /v2/schemas/keyspaces[/{ks}], POST /v2/schemas/keyspaces (SimpleStrategy with
// `replicas`, or NetworkTopologyStrategy with `datacenters`; always IF NOT EXISTS, as Stargate),
// DELETE /v2/schemas/keyspaces/{ks}.
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { FastifyInstance } from 'fastify';
import { BridgeCallError } from '../../../common/src/bridge/bridge-call-error.js';
import { buildCreateKeyspace, buildDropKeyspace, type Replication } from '../../../common/src/cql/ddl.js';
import { validateSchemaName } from '../../../common/src/cql/identifier.js';
import {
  parseReplicationOptions,
  replicationOptionsOf,
} from '../../../common/src/cql/replication-options.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { ref } from '../http/rest-schemas.js';
import { dataOrRaw, sendJson } from '../respond/json-reply.js';
import { keyspaceJson } from '../respond/schema-response.js';
import { runSchemaStatement } from '../schema/run-schema-statement.js';
import type { RestDeps } from './rest-deps.js';
import { dataOrRawResponse, errorResponses, keyspaceParams, rawQuery, TAG_SCHEMA } from './route-schemas.js';

interface KeyspaceCreate {
  name: string;
  replicas?: number;
  datacenters?: Array<{ name: string; replicas?: number }>;
}

const SIMPLE_REPLICAS = 1;
const DATACENTER_REPLICAS = 3;

export function keyspaceRoutes(app: FastifyInstance, deps: RestDeps): void {
  app.get<{ Querystring: { raw?: boolean } }>(
    '/v2/schemas/keyspaces',
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Get all keyspaces',
        querystring: { type: 'object', properties: { ...rawQuery } },
        response: {
          200: dataOrRawResponse('Keyspaces', { type: 'array', items: ref('Keyspace') }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const response = await deps.bridge.executeQuery(
        {
          cql: 'SELECT keyspace_name, replication FROM system_schema.keyspaces',
          parameters: { pageSize: { value: 10_000 } },
        },
        { token: req.token, idempotent: true },
      );
      const keyspaces = (response.resultSet?.rows ?? []).map((row) => {
        const [name, replication] = row.values ?? [];
        return keyspaceJson(name?.string ?? '', replicationOptionsOf(replication) ?? {});
      });
      return sendJson(reply, 200, dataOrRaw(keyspaces, req.query.raw));
    },
  );

  app.get<{ Params: { keyspace: string }; Querystring: { raw?: boolean } }>(
    '/v2/schemas/keyspaces/:keyspace',
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Get a keyspace',
        params: keyspaceParams,
        querystring: { type: 'object', properties: { ...rawQuery } },
        response: { 200: dataOrRawResponse('The keyspace', ref('Keyspace')), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { keyspace } = req.params;
      const description = await deps.schemaCache.refresh(keyspace, { token: req.token });
      if (!description) throw new ApiError('REST_KEYSPACE_NOT_DESCRIBED', { keyspace });
      const json = keyspaceJson(
        keyspace,
        parseReplicationOptions(description.cqlKeyspace?.options?.replication),
      );
      return sendJson(reply, 200, dataOrRaw(json, req.query.raw));
    },
  );

  app.post<{ Body: KeyspaceCreate }>(
    '/v2/schemas/keyspaces',
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Create a keyspace',
        description: 'Creates the keyspace if it does not exist.',
        body: ref('KeyspaceCreate'),
        response: { 201: ref('NameResponse'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { name, datacenters } = req.body;
      validateSchemaName(name, 'keyspace');
      const replication: Replication = datacenters
        ? {
            strategy: 'NetworkTopologyStrategy',
            datacenters: Object.fromEntries(
              datacenters.map((dc) => [dc.name, dc.replicas ?? DATACENTER_REPLICAS]),
            ),
          }
        : { strategy: 'SimpleStrategy', replicationFactor: req.body.replicas ?? SIMPLE_REPLICAS };
      const statement = buildCreateKeyspace({ keyspace: name, replication, ifNotExists: true });
      try {
        await runSchemaStatement(deps, req.token, name, statement);
      } catch (err) {
        throw unknownDatacenter(err, datacenters) ?? err;
      }
      return sendJson(reply, 201, { name });
    },
  );

  app.delete<{ Params: { keyspace: string } }>(
    '/v2/schemas/keyspaces/:keyspace',
    {
      schema: {
        tags: [TAG_SCHEMA],
        summary: 'Delete a keyspace',
        params: keyspaceParams,
        response: { 204: { description: 'Deleted (or did not exist)', type: 'null' }, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { keyspace } = req.params;
      await runSchemaStatement(deps, req.token, keyspace, buildDropKeyspace({ keyspace, ifExists: true }));
      return reply.code(204).send();
    },
  );
}

/** Cassandra's "Unrecognized strategy option {dc9} …" for a datacenter it does not know (stargate#2231). */
function unknownDatacenter(err: unknown, datacenters: KeyspaceCreate['datacenters']): ApiError | undefined {
  if (!(err instanceof BridgeCallError) || !datacenters) return undefined;
  if (err.code !== GrpcStatus.INVALID_ARGUMENT && err.code !== GrpcStatus.FAILED_PRECONDITION)
    return undefined;
  const m = /Unrecognized strategy option \{([^}]+)\}/.exec(err.message);
  if (!m || !datacenters.some((dc) => dc.name === m[1])) return undefined;
  return new ApiError('REST_DATACENTERS_INVALID', {
    datacenters: `[${datacenters.map((dc) => dc.name).join(', ')}]`,
  });
}
