// Replication as Cassandra stores it (a map of strings, decoded as Map or object) or as a CQL map
// literal → its options, and → replicas per datacenter.
import { describe, expect, it } from 'vitest';
import {
  describeFactors,
  parseReplicationOptions,
  replicationFactors,
} from '../../../services/common/src/cql/replication-options.js';

describe('replicationFactors', () => {
  it('reads SimpleStrategy and NetworkTopologyStrategy, as Map or object', () => {
    expect(
      replicationFactors(
        new Map([
          ['class', 'org.apache.cassandra.locator.SimpleStrategy'],
          ['replication_factor', '3'],
        ]),
      ),
    ).toEqual(new Map([['*', 3]]));
    expect(
      replicationFactors({
        class: 'org.apache.cassandra.locator.NetworkTopologyStrategy',
        dc1: '3',
        dc2: '2/1',
      }),
    ).toEqual(
      new Map([
        ['dc1', 3],
        ['dc2', 2],
      ]),
    );
  });

  it('knows nothing of local strategies and odd maps (no check is made then)', () => {
    expect(replicationFactors({ class: 'org.apache.cassandra.locator.LocalStrategy' })).toBeUndefined();
    expect(replicationFactors({ class: 'org.apache.cassandra.locator.EverywhereStrategy' })).toBeUndefined();
    expect(replicationFactors({ class: 'org.apache.cassandra.locator.SimpleStrategy' })).toBeUndefined();
    expect(replicationFactors(null)).toBeUndefined();
  });
});

describe('parseReplicationOptions', () => {
  it('reads a CQL map literal with quoted or bare values', () => {
    expect(parseReplicationOptions("{'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc-2':'2'}")).toEqual({
      class: 'NetworkTopologyStrategy',
      dc1: '3',
      'dc-2': '2',
    });
    expect(parseReplicationOptions("{'class':'SimpleStrategy','replication_factor':1}")).toEqual({
      class: 'SimpleStrategy',
      replication_factor: '1',
    });
  });

  it('unescapes doubled quotes and reads nothing from text that is not a map', () => {
    expect(parseReplicationOptions("{'it''s': 'a''b'}")).toEqual({ "it's": "a'b" });
    expect(parseReplicationOptions(undefined)).toEqual({});
    expect(parseReplicationOptions('SimpleStrategy 3')).toEqual({});
  });

  it('gives the factors of the literal the bridge is configured with', () => {
    expect(
      replicationFactors(parseReplicationOptions("{'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': 3}")),
    ).toEqual(
      new Map([
        ['dc1', 3],
        ['dc2', 3],
      ]),
    );
  });
});

describe('describeFactors', () => {
  it('says the strategy and its counts', () => {
    expect(describeFactors(new Map([['*', 1]]))).toBe('SimpleStrategy with 1 replica(s)');
    expect(
      describeFactors(
        new Map([
          ['dc1', 3],
          ['dc2', 2],
        ]),
      ),
    ).toBe('NetworkTopologyStrategy {dc1: 3, dc2: 2}');
  });
});
