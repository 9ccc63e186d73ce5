import { expect, test } from 'vitest';
import {
  chooseDefaultKeyspace,
  isSystemKeyspace,
} from '../../../../services/graphql/src/execution/default-keyspace.js';

test('the default keyspace is the oldest one that is not a system keyspace', () => {
  expect(
    chooseDefaultKeyspace([
      ['system', 0n],
      ['system_auth', 1n],
      ['data_endpoint_auth', 2n],
      ['library', 500n],
      ['shop', 300n],
      ['no_time', undefined],
      ['zero', 0n],
    ]),
  ).toBe('shop');
});

test('no user keyspace: none', () => {
  expect(chooseDefaultKeyspace([['system_schema', 10n]])).toBeUndefined();
});

test.each([
  ['system', true],
  ['system_traces', true],
  ['dse_perf', true],
  ['solr_admin', true],
  ['data_endpoint_auth', true],
  ['systematic', false],
  ['library', false],
])('%s is a system keyspace: %s', (name, expected) => {
  expect(isSystemKeyspace(name)).toBe(expected);
});
