// The multiplexed hot path: 1,000 concurrent requests on one stream, some failing, some timing out
// and some cancelled, each with its own outcome; a broken stream is reopened by the client.
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BridgeCallError } from '../../../services/common/src/bridge/bridge-call-error.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';

const ks = uniqueKeyspaceName('bridge_mux');
let t: TestBridge;

beforeAll(async () => {
  t = await startTestBridge();
  await t.createKeyspace(ks);
  await t.su(`CREATE TABLE ${ks}.kv (k int PRIMARY KEY, v int)`);
  // Enough rows that a full scan cannot finish in 1 ms.
  const writes = [];
  for (let i = 0; i < 1000; i++) {
    writes.push(
      t.client.executeQuery(
        {
          cql: `INSERT INTO ${ks}.kv (k, v) VALUES (?, ?)`,
          values: { values: [{ int: i }, { int: i * 2 }] },
        },
        { token: t.token },
      ),
    );
  }
  await Promise.all(writes);
});

afterAll(async () => {
  await t?.dropKeyspace(ks);
  await t?.close();
});

/** The requests of one event-loop turn leave on the next: after this they are on the stream. */
const requestLeft = () => new Promise((resolve) => setImmediate(resolve));

type Outcome = { kind: 'ok'; v: number } | { kind: 'error'; code: number };

describe('multiplexed stream', () => {
  it('gives each of 1,000 concurrent requests its own outcome', async () => {
    const requests: Array<{ expected: 'ok' | 'invalid' | 'deadline' | 'cancelled'; run: Promise<Outcome> }> =
      [];
    for (let i = 0; i < 1000; i++) {
      const kind = i % 10 === 3 ? 'invalid' : i % 10 === 6 ? 'deadline' : i % 10 === 9 ? 'cancelled' : 'ok';
      let run: Promise<unknown>;
      if (kind === 'invalid') {
        run = t.client.executeQuery(
          { cql: `SELECT v FROM ${ks}.missing_table WHERE k = ?`, values: { values: [{ int: i }] } },
          { token: t.token },
        );
      } else if (kind === 'deadline') {
        run = t.client.executeQuery(
          { cql: `SELECT * FROM ${ks}.kv`, parameters: { pageSize: { value: 5000 } } },
          { token: t.token, deadlineMs: 1 },
        );
      } else if (kind === 'cancelled') {
        const abort = new AbortController();
        run = t.client.executeQuery(
          { cql: `SELECT * FROM ${ks}.kv`, parameters: { pageSize: { value: 5000 } } },
          { token: t.token, signal: abort.signal },
        );
        abort.abort();
      } else {
        run = t.client.executeQuery(
          { cql: `SELECT v FROM ${ks}.kv WHERE k = ?`, values: { values: [{ int: i }] } },
          { token: t.token },
        );
      }
      requests.push({
        expected: kind,
        run: run.then(
          (res) => ({
            kind: 'ok',
            v: Number(
              (res as { resultSet?: { rows?: Array<{ values?: Array<{ int?: string }> }> } }).resultSet
                ?.rows?.[0]?.values?.[0]?.int,
            ),
          }),
          (err: BridgeCallError) => ({ kind: 'error', code: err.code }),
        ),
      });
    }
    const outcomes = await Promise.all(requests.map((r) => r.run));
    requests.forEach((r, i) => {
      const outcome = outcomes[i]!;
      if (r.expected === 'ok') expect(outcome).toEqual({ kind: 'ok', v: i * 2 });
      if (r.expected === 'invalid') expect(outcome).toEqual({ kind: 'error', code: status.INVALID_ARGUMENT });
      if (r.expected === 'deadline')
        expect(outcome).toEqual({ kind: 'error', code: status.DEADLINE_EXCEEDED });
      if (r.expected === 'cancelled') expect(outcome).toEqual({ kind: 'error', code: status.CANCELLED });
    });
    expect(t.client.inFlight).toBe(0);
  });

  it('fails in-flight requests with UNAVAILABLE when the stream breaks, then reopens it', async () => {
    const inFlight = t.client.executeQuery(
      { cql: `SELECT * FROM ${ks}.kv`, parameters: { pageSize: { value: 5000 } } },
      { token: t.token },
    );
    await requestLeft();
    t.client.breakStream();
    const err = await inFlight.catch((e) => e);
    expect(err).toBeInstanceOf(BridgeCallError);
    expect((err as BridgeCallError).code).toBe(status.UNAVAILABLE);
    const res = await t.su(`SELECT v FROM ${ks}.kv WHERE k = 7`);
    expect(res.resultSet?.rows?.[0]?.values?.[0]?.int).toBe('14');
  });

  it('retries idempotent requests across a broken stream', async () => {
    const pending = t.client.describeKeyspace({ keyspaceName: ks }, { token: t.token });
    await requestLeft();
    t.client.breakStream();
    expect((await pending).cqlKeyspace?.name).toBe(ks);
  });
});
