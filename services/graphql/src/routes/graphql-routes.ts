// The GraphQL endpoints, each answering GET and POST (application/json or application/graphql):
// /graphql-schema (DDL), /graphql/{keyspace} (CQL-first schema of that keyspace) and /graphql
// (the default keyspace). Each handler: token, keyspace, request → executor → response.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { DefaultKeyspace } from '../execution/default-keyspace.js';
import { type GraphqlExecutor, OperationRejectedError } from '../execution/graphql-executor.js';
import type { KeyspaceExecutors } from '../execution/keyspace-executors.js';
import { operationFromRequest } from '../http/graphql-request.js';
import { sendFailure, sendResult } from '../http/graphql-response.js';

export interface GraphqlRoutesDeps {
  ddl: GraphqlExecutor;
  keyspaces: KeyspaceExecutors;
  /** Schema-first: a keyspace with a deployed schema serves it instead of the CQL-first one. */
  deployed?: { get(keyspace: string, token: string): Promise<GraphqlExecutor | undefined> };
  /** Undefined when /graphql is disabled by configuration. */
  defaultKeyspace: DefaultKeyspace | undefined;
}

const KEYSPACE_NAME = /^\w+$/;
const INTROSPECTION = /\b__(schema|type)\b/;

export async function registerGraphqlRoutes(app: FastifyInstance, deps: GraphqlRoutesDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/graphql', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
    scope.setErrorHandler((err, _req, reply) => sendFailure(reply, err));
    const methods: Array<'GET' | 'POST'> = ['GET', 'POST'];

    scope.route({
      method: methods,
      url: '/graphql-schema',
      handler: async (req, reply) => {
        const token = req.token;
        const operation = operationFromRequest(req);
        return sendResult(reply, await deps.ddl.execute(operation, { token, reply }));
      },
    });

    scope.route({
      method: methods,
      url: '/graphql/:keyspace',
      handler: async (req, reply) => {
        const token = req.token;
        const { keyspace } = req.params as { keyspace: string };
        // Never echo a name that is not one: it could be an attempt at reflecting markup.
        if (!KEYSPACE_NAME.test(keyspace)) throw new ApiError('GRAPHQL_KEYSPACE_NAME_INVALID');
        const deployed = await deps.deployed?.get(keyspace, token);
        if (deployed)
          return sendResult(reply, await deployed.execute(operationFromRequest(req), { token, reply }));
        return runOnKeyspace(req, reply, token, keyspace, deps.keyspaces);
      },
    });

    scope.route({
      method: methods,
      url: '/graphql',
      handler: async (req, reply) => {
        const token = req.token;
        const finder = deps.defaultKeyspace;
        const keyspace = finder ? await finder.get(token) : undefined;
        if (!finder || !keyspace) throw new ApiError('GRAPHQL_NO_DEFAULT_KEYSPACE');
        return runOnKeyspace(req, reply, token, keyspace, deps.keyspaces, () => finder.forget());
      },
    });
  });
}

async function runOnKeyspace(
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  keyspace: string,
  keyspaces: KeyspaceExecutors,
  onUnknown?: () => void,
): Promise<FastifyReply> {
  const operation = operationFromRequest(req);
  // Tools reload the schema by introspection: make sure they see the current one.
  const introspection = INTROSPECTION.test(operation.query);
  const executor = introspection
    ? await keyspaces.refreshed(keyspace, token)
    : await keyspaces.get(keyspace, token);
  if (!executor) {
    onUnknown?.();
    throw new ApiError('GRAPHQL_KEYSPACE_UNKNOWN', { keyspace });
  }
  const context = { token, reply };
  try {
    return sendResult(reply, await executor.execute(operation, context));
  } catch (err) {
    // The operation may name a table or column created since this process cached the schema:
    // revalidate once and, if the keyspace did change, run it against the new schema.
    if (!(err instanceof OperationRejectedError) || err.statusCode !== 400 || introspection) throw err;
    const fresh = await keyspaces.refreshed(keyspace, token);
    if (!fresh || fresh === executor) throw err;
    return sendResult(reply, await fresh.execute(operation, context));
  }
}
