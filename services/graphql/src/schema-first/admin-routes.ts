// /graphql-admin (GET, POST application/json or application/graphql, and POST multipart/form-data
// as the GraphQL multipart request spec has it, for deploySchemaFile) and the /graphql-files
// downloads: the @cql_* directive definitions (public) and a keyspace's deployed SDL.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CancelSource } from '../../../common/src/bridge/cancel-signal.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { markRoutesPublic } from '../../../common/src/http/authentication.js';
import type { GraphqlExecutor, OperationRequest } from '../execution/graphql-executor.js';
import { operationFromRequest } from '../http/graphql-request.js';
import { sendFailure, sendResult } from '../http/graphql-response.js';
import { CQL_DIRECTIVES_SDL } from './cql-directives.js';
import type { SchemaSourceStore } from './schema-source-store.js';
import { UploadedFile } from './uploaded-file.js';

const KEYSPACE_FILE = /^(\w+)\.graphql$/;

export async function registerAdminRoutes(
  app: FastifyInstance,
  deps: { admin: GraphqlExecutor; store: SchemaSourceStore; deadlineMs?: number },
): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/graphql', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    scope.setErrorHandler((err, _req, reply) => sendFailure(reply, err));

    scope.route({
      method: ['GET', 'POST'],
      url: '/graphql-admin',
      handler: async (req, reply) => {
        const token = req.token;
        const operation = isMultipart(req) ? await multipartOperation(req) : operationFromRequest(req);
        // The response's 'close' before its last byte: the client went away (a deploy still
        // waiting for its turn is then skipped, see deploy-queue.ts).
        const abandoned = new CancelSource();
        reply.raw.once('close', () => {
          if (!reply.raw.writableFinished) abandoned.abort();
        });
        return sendResult(reply, await deps.admin.execute(operation, { token, reply, abandoned }));
      },
    });

    scope.get('/graphql-files/keyspace/:file', async (req, reply) => {
      const token = req.token;
      const { file } = req.params as { file: string };
      const keyspace = KEYSPACE_FILE.exec(file)?.[1];
      if (!keyspace) throw new ApiError('GRAPHQL_KEYSPACE_NAME_INVALID');
      const version = (req.query as { version?: unknown }).version;
      const wanted = typeof version === 'string' && version !== '' ? version : undefined;
      const source = await deps.store.get(keyspace, wanted, { token, deadlineMs: deps.deadlineMs });
      if (!source) {
        throw new ApiError('GRAPHQL_SCHEMA_NOT_DEPLOYED', {
          keyspace,
          version: wanted ? ` with version ${wanted}` : '',
        });
      }
      return reply
        .header('content-type', 'text/plain; charset=utf-8')
        .header('content-disposition', `inline; filename="${keyspace}.graphql"`)
        .send(source.contents);
    });

    await scope.register(async (files) => {
      markRoutesPublic(files);
      files.get('/graphql-files/cql_directives.graphql', async (_req, reply) =>
        reply.header('content-type', 'text/plain; charset=utf-8').send(CQL_DIRECTIVES_SDL),
      );
    });
  });
}

function isMultipart(req: FastifyRequest): boolean {
  return String(req.headers['content-type'] ?? '')
    .toLowerCase()
    .startsWith('multipart/form-data');
}

const bad = (detail: string) => new ApiError('GRAPHQL_MULTIPART_INVALID', { detail });

/** `operations` (JSON) + `map` ({"0": ["variables.schemaFile"]}) + the file parts → one operation. */
async function multipartOperation(req: FastifyRequest): Promise<OperationRequest> {
  if (req.method !== 'POST') throw bad('use POST');
  let form: FormData;
  try {
    // The platform's multipart parser (WHATWG fetch), over the body Fastify already bounded.
    form = await new Response(req.body as Buffer, {
      headers: { 'content-type': String(req.headers['content-type']) },
    }).formData();
  } catch (err) {
    throw bad((err as Error).message);
  }
  const operations = parseJsonField(form, 'operations');
  if (!operations || typeof operations !== 'object' || Array.isArray(operations)) {
    throw bad('"operations" must be a JSON object {"query": …, "variables": …} (batches are not supported)');
  }
  const operation = operations as { query?: unknown; variables?: unknown; operationName?: unknown };
  if (typeof operation.query !== 'string' || !operation.query) throw bad('"operations" has no query');
  const variables =
    operation.variables && typeof operation.variables === 'object'
      ? (operation.variables as Record<string, unknown>)
      : {};
  const map = parseJsonField(form, 'map') ?? {};
  if (typeof map !== 'object' || Array.isArray(map)) throw bad('"map" must be a JSON object');
  for (const [part, paths] of Object.entries(map as Record<string, unknown>)) {
    const file = form.get(part);
    if (!(file instanceof Blob)) throw bad(`no file part named "${part}"`);
    const uploaded = new UploadedFile(
      file instanceof File ? file.name : part,
      Buffer.from(await file.arrayBuffer()),
    );
    for (const path of Array.isArray(paths) ? paths : []) setVariable(variables, String(path), uploaded);
  }
  return {
    query: operation.query,
    variables,
    operationName: typeof operation.operationName === 'string' ? operation.operationName : null,
  };
}

function parseJsonField(form: FormData, name: string): unknown {
  const value = form.get(name);
  if (value === null) return undefined;
  if (typeof value !== 'string') throw bad(`"${name}" must be a form field, not a file`);
  try {
    return JSON.parse(value);
  } catch (err) {
    throw bad(`"${name}" is not JSON: ${(err as Error).message}`);
  }
}

/** "variables.schemaFile" or "variables.files.0" → sets that spot of the variables. */
function setVariable(variables: Record<string, unknown>, path: string, value: unknown): void {
  const steps = path.split('.');
  if (steps[0] !== 'variables' || steps.length < 2)
    throw bad(`map path "${path}" must start with "variables."`);
  let target = variables as Record<string, unknown>;
  for (const step of steps.slice(1, -1)) {
    const next = target[step];
    if (!next || typeof next !== 'object') throw bad(`map path "${path}" does not exist in the variables`);
    target = next as Record<string, unknown>;
  }
  const last = steps[steps.length - 1]!;
  if (last === '__proto__' || last === 'constructor') throw bad(`map path "${path}" is not allowed`);
  target[last] = value;
}
