import { describe, expect, test } from 'vitest';
import { responseMediaType } from '../../../../services/graphql/src/http/response-media-type.js';

const GRAPHQL = 'application/graphql-response+json';
const JSON_TYPE = 'application/json';

describe('responseMediaType', () => {
  test.each([
    [undefined, JSON_TYPE],
    ['', JSON_TYPE],
    ['*/*', JSON_TYPE],
    [JSON_TYPE, JSON_TYPE],
    [GRAPHQL, GRAPHQL],
    ['Application/GraphQL-Response+JSON', GRAPHQL],
    [`${GRAPHQL}, ${JSON_TYPE}`, GRAPHQL],
    [`${JSON_TYPE}, ${GRAPHQL}`, GRAPHQL],
    [`${JSON_TYPE};q=0.9, ${GRAPHQL}`, GRAPHQL],
    [`${JSON_TYPE}, ${GRAPHQL};q=0.9`, JSON_TYPE],
    [`${GRAPHQL};q=0.5, */*;q=0.8`, JSON_TYPE],
    [`${GRAPHQL};q=0`, JSON_TYPE],
    ['text/html', JSON_TYPE],
  ])('Accept %s → %s', (accept, expected) => {
    expect(responseMediaType(accept)).toBe(expected);
  });
});
