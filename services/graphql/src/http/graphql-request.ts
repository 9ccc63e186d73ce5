// A GraphQL-over-HTTP request → {query, variables, operationName}: GET with URL parameters, POST
// with an application/json body (the query may instead be a URL parameter, not both), or POST
// application/graphql whose body is the query. Problems are ApiErrors (400, or 415 for other
// content types) with Stargate's messages.
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { OperationRequest } from '../execution/graphql-executor.js';

type Params = Record<string, unknown>;

const invalid = (detail: string) => new ApiError('GRAPHQL_REQUEST_INVALID', { detail });

export function operationFromRequest(req: FastifyRequest): OperationRequest {
  const url = (req.query ?? {}) as Params;
  if (req.method === 'GET') {
    const query = single(url, 'query');
    if (!query) throw new ApiError('GRAPHQL_QUERY_MISSING_IN_URL');
    return {
      query,
      operationName: single(url, 'operationName') || null,
      variables: parseVariables(single(url, 'variables')),
    };
  }
  const contentType = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (contentType === 'application/graphql') {
    const query = typeof req.body === 'string' ? req.body : '';
    if (!query.trim()) throw new ApiError('GRAPHQL_QUERY_MISSING_IN_BODY');
    return {
      query,
      operationName: single(url, 'operationName') || null,
      variables: parseVariables(single(url, 'variables')),
    };
  }
  if (contentType !== '' && contentType !== 'application/json') {
    throw new ApiError('GRAPHQL_CONTENT_TYPE_UNSUPPORTED', { type: contentType });
  }
  const body = req.body ?? {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalid('The request body must be a JSON object {"query": …, "variables": …, "operationName": …}');
  }
  const fields = body as Params;
  const fromBody = fields.query;
  if (fromBody !== undefined && fromBody !== null && typeof fromBody !== 'string') {
    throw invalid(`"query" must be a string, got ${describe(fromBody)}`);
  }
  const fromUrl = single(url, 'query');
  if (fromBody && fromUrl) {
    throw new ApiError('GRAPHQL_QUERY_TWICE');
  }
  const query = fromBody || fromUrl;
  if (!query) {
    throw new ApiError('GRAPHQL_QUERY_MISSING');
  }
  const operationName = fields.operationName;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    throw invalid(`"operationName" must be a string, got ${describe(operationName)}`);
  }
  // Not used, but a map when given (GraphQL over HTTP, "extensions").
  const extensions = fields.extensions;
  if (
    extensions !== undefined &&
    extensions !== null &&
    (typeof extensions !== 'object' || Array.isArray(extensions))
  ) {
    throw invalid(`"extensions" must be a JSON object, got ${describe(extensions)}`);
  }
  const variables = fields.variables;
  return {
    query,
    operationName: operationName || null,
    variables: typeof variables === 'string' ? parseVariables(variables) : checkVariables(variables),
  };
}

function single(params: Params, name: string): string | undefined {
  const value = params[name];
  if (Array.isArray(value)) throw invalid(`URL parameter "${name}" must be given once`);
  return typeof value === 'string' ? value : undefined;
}

function parseVariables(text: string | undefined): Record<string, unknown> | null {
  if (text === undefined || text === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ApiError('GRAPHQL_VARIABLES_UNPARSABLE', { detail: (err as Error).message });
  }
  return checkVariables(parsed);
}

function checkVariables(value: unknown): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(`"variables" must be a JSON object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
}
