// What /metrics shows of clients that go away, on a real REST API, bridge and Cassandra: a write
// whose client left before its answer counts once in http_server_request_duration_seconds, as
// status 499 (nginx's "client closed request"), and the requests answered count under their status.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { abandonRequests } from '../../support/abandoned-requests.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { type RestApi, startRestApi } from './support/rest-api.js';

const ks = uniqueKeyspaceName('rest_client_closed');
const ROUTE = '/v2/keyspaces/:keyspace/:table';
const ANSWERED = 3;
const ABANDONED = 5;
let api: RestApi;

beforeAll(async () => {
  api = await startRestApi();
  await api.bridge.createKeyspace(ks);
  await api.bridge.su(`CREATE TABLE ${ks}.t (k int PRIMARY KEY, v text)`);
});

afterAll(async () => {
  await api?.bridge.dropKeyspace(ks);
  await api?.close();
});

/** Requests counted by the API's /metrics, read as Prometheus would, per status of POST `ROUTE`. */
async function countedWrites(): Promise<Record<string, number>> {
  const text = await (await fetch(`${api.url}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const [, labels, value] of text.matchAll(
    /^http_server_request_duration_seconds_count\{(.*)\} (\S+)$/gm,
  )) {
    const label = Object.fromEntries([...labels!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (label.method === 'POST' && label.route === ROUTE) counts[label.status!] = Number(value);
  }
  return counts;
}

describe('http_server_request_duration_seconds', () => {
  it('counts each write whose client went away once as 499, and answered writes under their status', async () => {
    for (let k = 0; k < ANSWERED; k++) {
      expect((await api.post(`/v2/keyspaces/${ks}/t`, { k, v: 'answered' })).status).toBe(201);
    }
    // Whole requests (body sent), each on its own connection closed a moment later, while the
    // API waits for the bridge.
    for (let k = 100; k < 100 + ABANDONED; k++) {
      await abandonRequests(
        api.url,
        {
          method: 'POST',
          path: `/v2/keyspaces/${ks}/t`,
          headers: { 'x-cassandra-token': api.token, 'content-type': 'application/json' },
          body: JSON.stringify({ k, v: 'abandoned' }),
        },
        1,
      );
    }
    // The API finished their work all the same: every abandoned row is there.
    await vi.waitFor(
      async () => {
        const rows = await api.get(`/v2/keyspaces/${ks}/t/rows?page-size=100`);
        expect(rows.body.data.filter((r: { v: string }) => r.v === 'abandoned')).toHaveLength(ABANDONED);
      },
      { timeout: 10_000, interval: 50 },
    );
    // Each abandoned write counts once: as 499, or as 201 when, on a loaded machine, the API answered
    // it before its client left (the client closes a millisecond after writing).
    await vi.waitFor(
      async () => {
        const counts = await countedWrites();
        expect((counts['201'] ?? 0) + (counts['499'] ?? 0)).toBe(ANSWERED + ABANDONED);
      },
      { timeout: 5_000, interval: 50 },
    );
    // Answered into closed connections, they are not counted again under 201.
    await new Promise((r) => setTimeout(r, 200));
    const counts = await countedWrites();
    expect(Object.keys(counts).sort()).toEqual(['201', '499']);
    expect(counts['201']! + counts['499']!).toBe(ANSWERED + ABANDONED);
    expect(counts['499'], JSON.stringify(counts)).toBeGreaterThanOrEqual(1);
    if (counts['499'] !== ABANDONED)
      console.warn(`abandoned writes answered before their client left: ${JSON.stringify(counts)}`);
  });
});
