import { status as GrpcStatus } from '@grpc/grpc-js';
import type { FastifyReply } from 'fastify';
import { describe, expect, test } from 'vitest';
import { BridgeCallError } from '../../../../services/common/src/bridge/bridge-call-error.js';
import { ApiError } from '../../../../services/common/src/errors/api-error.js';
import { loadRejectionDetails } from '../../../../services/common/src/errors/load-rejection.js';
import { KeyspaceNotFoundError } from '../../../../services/common/src/schema/schema-cache.js';
import { OperationRejectedError } from '../../../../services/graphql/src/execution/graphql-executor.js';
import { GraphQLError, parseValue } from '../../../../services/graphql/src/graphql-js.js';
import { sendFailure, sendResult } from '../../../../services/graphql/src/http/graphql-response.js';

// A reply records what the client would get; like Fastify's, its status is 200 until set.
function reply() {
  const sent = { status: 200, type: '', body: undefined as unknown, headers: {} as Record<string, string> };
  const r = {
    status(code: number) {
      sent.status = code;
      return r;
    },
    type(value: string) {
      sent.type = value;
      return r;
    },
    header(name: string, value: string) {
      if (name.toLowerCase() === 'content-type') sent.type = value;
      return r;
    },
    headers(values: Record<string, string>) {
      Object.assign(sent.headers, values);
      return r;
    },
    send(body: string) {
      sent.body = JSON.parse(body);
      return r;
    },
    log: { error() {}, info() {} },
    request: { headers: {} },
  };
  return { reply: r as unknown as FastifyReply, sent };
}

const fieldError = (cause: Error) =>
  new GraphQLError(cause.message, { path: ['items'], originalError: cause });

describe('GraphQL results as HTTP responses', () => {
  test('data, with or without field errors: 200', () => {
    const { reply: r, sent } = reply();
    sendResult(r, { data: { items: null }, errors: [fieldError(new Error('boom'))] });
    expect(sent).toEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
      headers: {},
      body: {
        data: { items: null },
        errors: [{ message: 'boom', path: ['items'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      },
    });
  });

  test('no data: the request could not run: 400, errors only', () => {
    const { reply: r, sent } = reply();
    sendResult(r, { errors: [new GraphQLError('Variable "$x" of required type "Int!" was not provided.')] });
    expect(sent.status).toBe(400);
    expect(sent.body).toEqual({
      errors: [
        {
          message: 'Variable "$x" of required type "Int!" was not provided.',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });

  test('the bridge refused the token: 401; overloaded: 503; rate limited: 429, both with Retry-After', () => {
    const a = reply();
    sendResult(a.reply, {
      data: { x: null },
      errors: [fieldError(new BridgeCallError(GrpcStatus.UNAUTHENTICATED, 'Invalid token'))],
    });
    expect(a.sent).toMatchObject({
      status: 401,
      body: { errors: [{ message: 'Invalid token', extensions: { code: 'UNAUTHENTICATED' } }] },
    });
    const b = reply();
    sendResult(b.reply, {
      data: { x: null },
      errors: [fieldError(new BridgeCallError(GrpcStatus.RESOURCE_EXHAUSTED, 'busy'))],
    });
    expect(b.sent).toMatchObject({
      status: 503,
      headers: { 'retry-after': '1' },
      body: { errors: [{ message: 'busy', extensions: { code: 'OVERLOADED' } }] },
    });
    const outage = reply();
    sendResult(outage.reply, {
      data: { x: null, y: null },
      errors: [
        fieldError(
          new BridgeCallError(GrpcStatus.UNAVAILABLE, 'Cannot achieve consistency level LOCAL_QUORUM'),
        ),
        fieldError(
          new BridgeCallError(GrpcStatus.UNAVAILABLE, 'Cannot achieve consistency level LOCAL_QUORUM'),
        ),
      ],
    });
    expect(outage.sent).toMatchObject({
      status: 503,
      headers: { 'retry-after': '1' },
      body: { errors: [{ extensions: { code: 'UNAVAILABLE' } }, { extensions: { code: 'UNAVAILABLE' } }] },
    });
    const partial = reply();
    sendResult(partial.reply, {
      data: { x: null, y: { id: 1 } },
      errors: [fieldError(new BridgeCallError(GrpcStatus.UNAVAILABLE, 'Cannot achieve consistency level'))],
    });
    expect(partial.sent.status).toBe(200);
    const c = reply();
    const details = new Map(
      loadRejectionDetails({ reason: 'RATE_LIMITED', retryAfterMs: 2500 }, 'bridge').map((d) => [
        d.typeName.toLowerCase(),
        d.bytes,
      ]),
    );
    sendResult(c.reply, {
      data: { x: null },
      errors: [fieldError(new BridgeCallError(GrpcStatus.RESOURCE_EXHAUSTED, 'role limit', details))],
    });
    expect(c.sent).toMatchObject({
      status: 429,
      headers: { 'retry-after': '3' },
      body: { errors: [{ extensions: { code: 'RATE_LIMITED' } }] },
    });
  });

  test.each([
    [new ApiError('GRAPHQL_KEYSPACE_NAME_INVALID'), 400, 'Invalid keyspace name', 'BAD_REQUEST'],
    [
      new ApiError('GRAPHQL_CONTENT_TYPE_UNSUPPORTED', { type: 'text/plain' }),
      415,
      "Unsupported content type 'text/plain': use application/json or application/graphql",
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      new OperationRejectedError([new GraphQLError('Syntax Error: x')]),
      400,
      'Syntax Error: x',
      'GRAPHQL_PARSE_FAILED',
    ],
    [
      new OperationRejectedError([new GraphQLError('Cannot query field "x" on type "Query".')]),
      400,
      'Cannot query field "x" on type "Query".',
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      // A literal its type refuses: the error points at the value (ValuesOfCorrectTypeRule).
      new OperationRejectedError([
        new GraphQLError('Float cannot represent non numeric value: "x"', {
          nodes: parseValue('"x"', { noLocation: true }),
        }),
      ]),
      400,
      'Float cannot represent non numeric value: "x"',
      'BAD_USER_INPUT',
    ],
    [new KeyspaceNotFoundError('ks'), 404, "Unknown keyspace 'ks'", 'NOT_FOUND'],
    [
      new ApiError('AUTH_TOKEN_MISSING'),
      401,
      'Role unauthorized for operation: Missing token, expecting one in the X-Cassandra-Token header.',
      'UNAUTHENTICATED',
    ],
    [new BridgeCallError(GrpcStatus.UNAVAILABLE, 'No bridge'), 503, 'No bridge', 'UNAVAILABLE'],
    [new BridgeCallError(GrpcStatus.PERMISSION_DENIED, 'Not allowed'), 403, 'Not allowed', 'FORBIDDEN'],
    [
      Object.assign(new Error('too big'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }),
      413,
      'Request body is larger than the configured limit',
      'PAYLOAD_TOO_LARGE',
    ],
    [new TypeError('a bug'), 500, 'Internal server error', 'INTERNAL_SERVER_ERROR'],
  ])('%s → %d', (err, status, message, code) => {
    const { reply: r, sent } = reply();
    sendFailure(r, err);
    expect(sent.status).toBe(status);
    expect(sent.body).toEqual({ errors: [{ message, extensions: { code } }] });
  });
});
