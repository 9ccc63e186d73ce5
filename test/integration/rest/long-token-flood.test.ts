// A flood of unauthenticated requests with long random tokens against the REST API as it ships (its
// own process, the production heap cap of 160 MiB, refusals remembered as deployed). Before the
// caches were keyed by tokenKey (services/common/src/auth/token-key.ts), 8,500 such requests with
// 15 KB tokens kept every token in memory and the process died of heap exhaustion in 9 s.
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { isRunning, useServiceProcesses } from '../../support/service-processes.js';

const processes = useServiceProcesses('rest');
const restUrl = () => `http://127.0.0.1:${processes.api.port}/v2/keyspaces/system/local/local`;

it('12,000 requests with distinct 15 KB tokens are all refused with 401, and the API keeps serving', async () => {
  const padding = 'x'.repeat(15_000);
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < 12_000) {
      next++;
      const res = await fetch(restUrl(), {
        headers: { 'x-cassandra-token': `${randomBytes(8).toString('hex')}${padding}` },
      });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  expect(Object.fromEntries(statuses)).toEqual({ 401: 12_000 });
  expect(isRunning(processes.api.service)).toBe(true);
  const ok = await fetch(restUrl(), { headers: { 'x-cassandra-token': processes.bridge.token } });
  expect(ok.status).toBe(200);
}, 180_000);
