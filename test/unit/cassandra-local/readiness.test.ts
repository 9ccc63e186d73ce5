// A node of a cluster that starts cold answers CQL before it can log anyone in: system_auth has 3
// replicas and the others are not running yet. Waiting counts it as up only when told its peers are missing.
import { describe, expect, it } from 'vitest';
import { authNeedsPeers, waitForCql } from '../../../tools/cassandra-local/readiness.js';

const credentials = { username: 'cassandra', password: 'cassandra' };
const quorumError = 'Unable to perform authentication: Cannot achieve consistency level LOCAL_QUORUM';
const answersWithoutPeers = async () => ({ ok: false as const, error: quorumError });

describe('waitForCql', () => {
  it('counts a node whose logins wait for its peers as up while peers are missing', async () => {
    const result = await waitForCql({
      contactPoint: '127.0.0.1:9',
      credentials,
      timeoutMs: 2_000,
      intervalMs: 10,
      probe: answersWithoutPeers,
      peersMissing: true,
    });
    expect(result).toMatchObject({ ok: true, waitingForPeers: true });
  });

  it('keeps waiting (and times out) when every peer should already run', async () => {
    const result = await waitForCql({
      contactPoint: '127.0.0.1:9',
      credentials,
      timeoutMs: 100,
      intervalMs: 10,
      probe: answersWithoutPeers,
    });
    expect(result).toMatchObject({ ok: false, reason: 'timeout', lastError: quorumError });
  });

  it('tells auth-quorum errors from others', () => {
    expect(authNeedsPeers(quorumError)).toBe(true);
    expect(authNeedsPeers('Operation timed out - received only 0 responses.')).toBe(true);
    expect(authNeedsPeers('connect ECONNREFUSED 127.0.0.1:9042')).toBe(false);
    expect(authNeedsPeers('Provided username cassandra and/or password are incorrect')).toBe(false);
  });
});
