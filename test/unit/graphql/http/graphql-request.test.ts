import type { FastifyRequest } from 'fastify';
import { describe, expect, test } from 'vitest';
import { operationFromRequest } from '../../../../services/graphql/src/http/graphql-request.js';

function request(
  method: 'GET' | 'POST',
  query: Record<string, unknown>,
  body?: unknown,
  contentType?: string,
) {
  return {
    method,
    query,
    body,
    headers: contentType ? { 'content-type': contentType } : {},
  } as unknown as FastifyRequest;
}

const fails = (req: FastifyRequest, status: number, message: string) => {
  expect(() => operationFromRequest(req)).toThrow(message);
  try {
    operationFromRequest(req);
  } catch (err) {
    expect((err as { httpStatus: number }).httpStatus).toBe(status);
  }
};

describe('GraphQL-over-HTTP requests', () => {
  test('GET: query, operationName and JSON variables from the URL', () => {
    expect(
      operationFromRequest(request('GET', { query: '{ a }', operationName: 'A', variables: '{"x": 1}' })),
    ).toEqual({
      query: '{ a }',
      operationName: 'A',
      variables: { x: 1 },
    });
    fails(request('GET', {}), 400, 'You must provide a GraphQL query as a URL parameter');
    fails(request('GET', { query: '{ a }', variables: '{x' }), 400, 'Could not parse variables: ');
    fails(request('GET', { query: ['{ a }', '{ b }'] }), 400, 'URL parameter "query" must be given once');
  });

  test('POST application/json', () => {
    const body = { query: '{ a }', variables: { x: 1 }, operationName: null };
    expect(operationFromRequest(request('POST', {}, body, 'application/json; charset=utf-8'))).toEqual({
      query: '{ a }',
      operationName: null,
      variables: { x: 1 },
    });
    // Some clients send the variables as a JSON string.
    expect(
      operationFromRequest(request('POST', {}, { query: '{ a }', variables: '{"y": 2}' }, 'application/json'))
        .variables,
    ).toEqual({
      y: 2,
    });
    expect(operationFromRequest(request('POST', { query: '{ u }' }, {}, 'application/json')).query).toBe(
      '{ u }',
    );
    fails(
      request('POST', { query: '{ u }' }, { query: '{ b }' }, 'application/json'),
      400,
      "You can't provide a GraphQL query both",
    );
    fails(
      request('POST', {}, {}, 'application/json'),
      400,
      'You must provide a GraphQL query, either as a query parameter or in the request body',
    );
    fails(request('POST', {}, [1], 'application/json'), 400, 'The request body must be a JSON object');
    fails(
      request('POST', {}, { query: 1 }, 'application/json'),
      400,
      '"query" must be a string, got a number',
    );
    fails(
      request('POST', {}, { query: '{ a }', operationName: 2 }, 'application/json'),
      400,
      '"operationName" must be a string',
    );
    fails(
      request('POST', {}, { query: '{ a }', variables: 'null x' }, 'application/json'),
      400,
      'Could not parse variables',
    );
    fails(
      request('POST', {}, { query: '{ a }', variables: true }, 'application/json'),
      400,
      '"variables" must be a JSON object, got a boolean',
    );
  });

  test('POST application/graphql: the body is the query', () => {
    expect(
      operationFromRequest(request('POST', { operationName: 'B' }, 'query B { b }', 'application/graphql')),
    ).toEqual({
      query: 'query B { b }',
      operationName: 'B',
      variables: null,
    });
    fails(
      request('POST', {}, '  ', 'application/graphql'),
      400,
      'You must provide a GraphQL query in the request body',
    );
  });

  test('other content types: 415', () => {
    fails(request('POST', {}, 'x', 'text/plain'), 415, "Unsupported content type 'text/plain'");
  });
});
