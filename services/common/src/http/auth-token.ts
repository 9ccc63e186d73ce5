// Every data call carries the caller's X-Cassandra-Token; it is passed to the bridge untouched.
// Only the authentication hook (and the rate limiter, which runs before it) reads the header:
// handlers use the token the hook put on the request (req.token).
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';

const TOKEN_HEADER = 'x-cassandra-token';

/** The header's value (the first one if it was sent twice), or undefined. */
export function tokenHeader(req: FastifyRequest): string | undefined {
  const value = req.headers[TOKEN_HEADER];
  return Array.isArray(value) ? value[0] : value;
}

export function requireTokenHeader(req: FastifyRequest): string {
  const token = tokenHeader(req);
  if (!token) throw new ApiError('AUTH_TOKEN_MISSING');
  return token;
}
