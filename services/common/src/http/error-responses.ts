// The error statuses an API route can answer, for its OpenAPI `responses`: each with the
// {"description","code"} body (passed in as the API's own $ref). The bridge's statuses are those of
// errors/from-bridge-status.ts; 413/415 come from body parsing, 429/503 from rate limits and shedding.
const ERROR_STATUSES = {
  400: 'Bad request: an invalid parameter or body, or (as Stargate) a keyspace or table that does not exist',
  401: 'Missing, unknown or expired X-Cassandra-Token',
  403: 'The token’s role lacks the Cassandra permission',
  404: 'Not found',
  409: 'Already exists',
  413: 'Request body larger than the configured limit',
  414: 'URI longer than the server reads (from Node’s HTTP parser)',
  415: 'Unsupported media type',
  429: 'Rate limited (Retry-After says when to retry)',
  431: 'Request headers larger than the server reads (from Node’s HTTP parser)',
  500: 'Internal error',
  503: 'Overloaded or Cassandra unavailable (Retry-After when overloaded)',
  504: 'Cassandra timed out',
} as const;

export type ErrorStatus = keyof typeof ERROR_STATUSES;

/** Answered by Node's HTTP parser before any route runs: no {"description","code"} body. */
const PARSER_STATUSES = new Set(['414', '431']);

/** `responses` entries for every error status, each with the given body schema. */
export function errorResponseDocs(body: object): Record<ErrorStatus, object> {
  return Object.fromEntries(
    Object.entries(ERROR_STATUSES).map(([status, description]) => [
      status,
      PARSER_STATUSES.has(status) ? { description } : { ...body, description },
    ]),
  ) as Record<ErrorStatus, object>;
}
