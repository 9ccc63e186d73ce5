// Every data call carries the caller's X-Cassandra-Token; it is passed to the bridge untouched.
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';

export const TOKEN_HEADER = 'x-cassandra-token';

export function requireToken(req: FastifyRequest): string {
  const value = req.headers[TOKEN_HEADER];
  const token = Array.isArray(value) ? value[0] : value;
  if (!token) throw new ApiError('AUTH_TOKEN_MISSING');
  return token;
}
