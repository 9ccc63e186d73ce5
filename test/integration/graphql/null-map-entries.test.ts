// Found by the fuzz step (schemathesis, ST113): a null where GraphQL allows one but a CQL map has
// no place for it — an entry of a map value, or `containsEntry: null` in a filter — answered
// INTERNAL_SERVER_ERROR ("Cannot read properties of null"). Each is the caller's mistake: BAD_USER_INPUT.
import { expect, test } from 'vitest';
import { useGraphqlFixture } from './support/graphql-fixture.js';

const fx = useGraphqlFixture('gql_null_map', (ks) => [
  `CREATE TABLE ${ks}.readings (sensor text PRIMARY KEY, attrs map<text, int>)`,
]);

async function graphql(query: string) {
  const res = await fetch(`${fx.api.url}/graphql/${fx.keyspace}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cassandra-token': fx.bridge.token },
    body: JSON.stringify({ query }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the JSON it receives.
  return { status: res.status, body: (await res.json()) as any };
}

test('a null entry in a map value is BAD_USER_INPUT', async () => {
  const { body } = await graphql(
    'mutation { insertreadings(value: {sensor: "a", attrs: [null, {key: "k", value: 1}]}) { applied } }',
  );
  expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  expect(body.errors[0].message).toMatch(/map entry cannot be null/);
  // The value was lifted into a variable (execution/inline-values.ts): the error still points at
  // the field in the text that was sent.
  expect(body.errors[0].locations).toEqual([{ line: 1, column: 12 }]);
});

test('containsEntry: null in a filter is BAD_USER_INPUT', async () => {
  const { body } = await graphql(
    '{ readings(filter: {sensor: {eq: "a"}, attrs: {containsEntry: null}}) { values { sensor } } }',
  );
  expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  expect(body.errors[0].message).toMatch(/containsEntry of attrs cannot be null/);
});

test('a null entry inside an IN list of maps is BAD_USER_INPUT', async () => {
  const { body } = await graphql(
    '{ readings(filter: {sensor: {eq: "a"}, attrs: {in: [[null, {key: "k", value: 1}]]}}) { values { sensor } } }',
  );
  expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  expect(body.errors[0].message).toMatch(/map entry cannot be null/);
});
