// The token keyspace's replication against BRIDGE_AUTH_KEYSPACE_REPLICATION: what counts as fewer
// replicas (warned about, or altered), and what is enough (left alone, never lowered).
import { describe, expect, it } from 'vitest';
import { replicationShortfall } from '../../../../services/bridge/src/auth/auth-keyspace-replication.js';
import { loadConfig } from '../../../../services/common/src/config/load-config.js';
import {
  parseReplicationOptions,
  type ReplicationFactors,
  replicationFactors,
} from '../../../../services/common/src/cql/replication-options.js';

/** A CQL map literal, as configured or as Cassandra describes it → replicas per datacenter. */
function factors(literal: string): ReplicationFactors {
  const parsed = replicationFactors(parseReplicationOptions(literal));
  if (!parsed) throw new Error(`not a replication: ${literal}`);
  return parsed;
}

const simple = (rf: number) => factors(`{'class': 'SimpleStrategy', 'replication_factor': ${rf}}`);
const nts = (dcs: Record<string, number>) =>
  factors(
    `{'class': 'NetworkTopologyStrategy', ${Object.entries(dcs)
      .map(([dc, rf]) => `'${dc}': ${rf}`)
      .join(', ')}}`,
  );

describe('replicationShortfall', () => {
  it('finds the default keyspace (SimpleStrategy, one replica) weaker than three per datacenter', () => {
    expect(replicationShortfall(nts({ dc1: 3 }), simple(1))).toEqual([
      'SimpleStrategy places its 1 replica(s) without regard to datacenters, configured NetworkTopologyStrategy {dc1: 3}',
    ]);
  });

  it('names each datacenter with fewer replicas, and one the keyspace does not replicate to', () => {
    expect(replicationShortfall(nts({ dc1: 3, dc2: 3 }), nts({ dc1: 1 }))).toEqual([
      'dc1: 1 replica(s), configured 3',
      'dc2: 0 replica(s), configured 3',
    ]);
    expect(replicationShortfall(nts({ dc1: 3, dc2: 3 }), nts({ dc1: 3, dc2: 2 }))).toEqual([
      'dc2: 2 replica(s), configured 3',
    ]);
  });

  it('counts SimpleStrategy as weaker in a multi-datacenter setting whatever its factor', () => {
    expect(replicationShortfall(nts({ dc1: 3, dc2: 3 }), simple(6))).toHaveLength(1);
  });

  it('accepts as much or more than configured, so a stronger keyspace is never lowered', () => {
    expect(replicationShortfall(nts({ dc1: 3 }), nts({ dc1: 3 }))).toEqual([]);
    expect(replicationShortfall(nts({ dc1: 3 }), nts({ dc1: 5, dc2: 3 }))).toEqual([]);
    expect(replicationShortfall(nts({ dc1: 3 }), simple(3))).toEqual([]);
    // The default setting against a keyspace an operator already raised.
    expect(replicationShortfall(simple(1), nts({ dc1: 3 }))).toEqual([]);
    expect(replicationShortfall(simple(1), simple(1))).toEqual([]);
  });

  it('compares a configured SimpleStrategy by the number of replicas in all', () => {
    expect(replicationShortfall(simple(3), simple(1))).toEqual(['1 replica(s) in all, configured 3']);
    expect(replicationShortfall(simple(3), nts({ dc1: 2, dc2: 1 }))).toEqual([]);
  });
});

describe('BRIDGE_AUTH_KEYSPACE_REPLICATION', () => {
  it('is refused at start when it is no replication the check can compare', () => {
    expect(() =>
      loadConfig(['common', 'bridge'], { BRIDGE_AUTH_KEYSPACE_REPLICATION: "{'class': 'LocalStrategy'}" }),
    ).toThrow(
      /BRIDGE_AUTH_KEYSPACE_REPLICATION=.* is not allowed; expected a CQL map of SimpleStrategy or NetworkTopologyStrategy/,
    );
    expect(() =>
      loadConfig(['common', 'bridge'], {
        BRIDGE_AUTH_KEYSPACE_REPLICATION:
          "{'class': 'SimpleStrategy', 'replication_factor': 1}; DROP KEYSPACE x",
      }),
    ).toThrow(/it is not one \{\.\.\.\} map literal/);
  });

  it('takes NetworkTopologyStrategy with a count per datacenter, and BRIDGE_AUTH_KEYSPACE_ALTER as a boolean', () => {
    const config = loadConfig<{ authKeyspaceReplication: string; authKeyspaceAlter: boolean }>(
      ['common', 'bridge'],
      {
        BRIDGE_AUTH_KEYSPACE_REPLICATION: "{'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': '3'}",
        BRIDGE_AUTH_KEYSPACE_ALTER: 'true',
      },
    );
    expect(config).toMatchObject({
      authKeyspaceReplication: "{'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': '3'}",
      authKeyspaceAlter: true,
    });
  });
});
