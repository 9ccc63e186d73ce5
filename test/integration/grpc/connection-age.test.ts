// GRPC_MAX_CONNECTION_AGE_MS: the gRPC API closes a client's connection with an HTTP/2 GOAWAY once
// it is older than the age, so a client (or the KEDA interceptor, which multiplexes everything on
// one connection per replica) connects again and is spread over the replicas; a grpc-js client
// reconnects by itself and no call fails.
import { connect as http2Connect } from 'node:http2';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { watchConnectivity } from '../../support/connectivity-log.js';
import { startTestGrpcApi, type TestGrpcApi } from './support/grpc-api-harness.js';
import { connectProto, executeQuery, tokenMetadata } from './support/proto-client.js';

const AGE_MS = 1500;
const GRACE_MS = 1000;
let t: TestBridge;
let api: TestGrpcApi;

beforeAll(async () => {
  t = await startTestBridge();
  api = await startTestGrpcApi(t.address, {
    GRPC_MAX_CONNECTION_AGE_MS: String(AGE_MS),
    GRPC_MAX_CONNECTION_AGE_GRACE_MS: String(GRACE_MS),
  });
});

afterAll(async () => {
  await api?.close();
  await t?.close();
});

describe('gRPC API connection age', () => {
  it('sends GOAWAY (NO_ERROR, max_age) to a connection older than GRPC_MAX_CONNECTION_AGE_MS', async () => {
    const session = http2Connect(`http://${api.address}`);
    try {
      const openedAt = Date.now();
      const goaway = await new Promise<{ code: number; data: string; afterMs: number }>((resolve, reject) => {
        session.on('error', reject);
        session.on('goaway', (code, _lastStreamId, data) =>
          resolve({ code, data: data?.toString() ?? '', afterMs: Date.now() - openedAt }),
        );
      });
      expect(goaway).toMatchObject({ code: 0, data: 'max_age' });
      // grpc-js adds ±10 % jitter to the age.
      expect(goaway.afterMs).toBeGreaterThanOrEqual(AGE_MS * 0.9 - 50);
      expect(goaway.afterMs).toBeLessThan(AGE_MS * 1.1 + 1000);
    } finally {
      session.destroy();
    }
  });

  it('a grpc-js client making calls all along reconnects after each GOAWAY and no call fails', async () => {
    const client = connectProto(api.address);
    const md = tokenMetadata(t.token);
    const log = watchConnectivity(client.getChannel());
    const failures: string[] = [];
    let calls = 0;
    const until = Date.now() + AGE_MS * 3.5;
    // Four callers one call after the other, as a client with a few requests in flight would.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (Date.now() < until) {
          const { err } = await executeQuery(client, { cql: 'SELECT release_version FROM system.local' }, md);
          calls++;
          if (err) failures.push(`${grpc.status[err.code]}: ${err.details}`);
        }
      }),
    );
    log.stop();
    client.close();
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(50);
    // Each GOAWAY takes the channel out of READY (to IDLE), and the next call connects again.
    expect(log.readyLeft(), log.states.join(' → ')).toBeGreaterThanOrEqual(2);
    expect(log.states.at(-1)).toBe('READY');
  });
});
