// Many distinct valid JWTs against the bridge as it ships (its own process, the production heap cap
// of 160 MiB), with JWT authentication on and a JWKS served on loopback. Each token carries an 8 KB
// claim (a profile, group lists: what identity providers put in tokens). The bridge once kept every
// verified token as the key of its trust cache, cleared only at 100,000 entries: within 9 s of this
// flood (as many users as sign in over an hour) it died of "JavaScript heap out of memory", and
// with it every API.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BridgeClient } from '../../../services/common/src/bridge/bridge-client.js';
import { createLogger } from '../../../services/common/src/logging/logger.js';
import { LocalJwks, stargateClaims } from '../../../tools/jwt/local-jwks.js';
import { type BridgeProcess, isRunning, startBridgeProcess } from '../../support/service-processes.js';

const ISSUER = 'https://idp.example.test/realms/hc';
const AUDIENCE = 'stargate-hc';
const TOKENS = 25_000;

let jwks: LocalJwks;
let bridge: BridgeProcess;
let client: BridgeClient;

beforeAll(async () => {
  jwks = new LocalJwks(ISSUER, AUDIENCE, 'EdDSA');
  await jwks.newKey();
  bridge = await startBridgeProcess({
    BRIDGE_JWT_JWKS_URL: await jwks.listen(),
    BRIDGE_JWT_ISSUER: ISSUER,
    BRIDGE_JWT_AUDIENCE: AUDIENCE,
    // Production's longest trust: every token of the flood is still trusted when the flood ends.
    BRIDGE_TOKEN_CACHE_MS: '60000',
  });
  client = new BridgeClient({
    address: bridge.grpcAddress,
    sourceApi: 'rest',
    deadlineMs: 30_000,
    keepaliveMs: 60_000,
    logger: createLogger('test', 'silent'),
  });
}, 120_000);

afterAll(async () => {
  client?.close();
  await bridge?.service.stop();
  await jwks?.close();
});

it('25,000 distinct JWTs with an 8 KB claim are each accepted, and the bridge stays up and serves a new one', async () => {
  const profile = 'p'.repeat(8 * 1024);
  let next = 0;
  let accepted = 0;
  const worker = async () => {
    while (next < TOKENS) {
      const user = next++;
      const token = await jwks.sign({ ...stargateClaims('cassandra'), sub: `user-${user}`, profile });
      if ((await client.authenticate({ token })) > 0) accepted++;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  expect(accepted).toBe(TOKENS);
  expect(isRunning(bridge.service)).toBe(true);
  const fresh = await jwks.sign({ ...stargateClaims('cassandra'), sub: 'after-the-flood' });
  const response = await client.executeQuery({ cql: 'SELECT key FROM system.local' }, { token: fresh });
  expect(response.resultSet?.rows).toHaveLength(1);
}, 120_000);
