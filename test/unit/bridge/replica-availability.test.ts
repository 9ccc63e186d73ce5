// Replication as Cassandra stores it (a map of strings, decoded as Map or object) → replicas per datacenter.
import { describe, expect, it } from 'vitest';
import { parseReplication } from '../../../services/bridge/src/cassandra/replica-availability.js';

describe('parseReplication', () => {
  it('reads SimpleStrategy and NetworkTopologyStrategy, as Map or object', () => {
    expect(
      parseReplication(
        new Map([
          ['class', 'org.apache.cassandra.locator.SimpleStrategy'],
          ['replication_factor', '3'],
        ]),
      ),
    ).toEqual(new Map([['*', 3]]));
    expect(
      parseReplication({
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
    expect(parseReplication({ class: 'org.apache.cassandra.locator.LocalStrategy' })).toBeUndefined();
    expect(parseReplication({ class: 'org.apache.cassandra.locator.EverywhereStrategy' })).toBeUndefined();
    expect(parseReplication({ class: 'org.apache.cassandra.locator.SimpleStrategy' })).toBeUndefined();
    expect(parseReplication(null)).toBeUndefined();
  });
});
