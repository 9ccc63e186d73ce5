// Calls that send a large message slowly, against the gRPC API as it ships (its own process). grpc-js
// reads a unary call's whole message before its handler runs: 100 calls without any token, each
// sending all but the last byte of a 4 MB message over one connection, held ~380 MB of the API's
// memory (its pod's limit is 384 MiB) until the connection closed. Now the message is read only
// once the call's token is valid; a call without one ends at once with UNAUTHENTICATED, and one
// with a valid token whose message does not arrive in time ends with DEADLINE_EXCEEDED.

import { describe, expect, it } from 'vitest';
import {
  connectRaw,
  encodedQuery,
  residentMiB,
  stalledCall,
  wholeCall,
} from '../../support/raw-grpc-calls.js';
import { isRunning, useServiceProcesses } from '../../support/service-processes.js';

// A short receive timeout, for the stalled call with a valid token below.
const processes = useServiceProcesses('grpc', { api: { HTTP_REQUEST_TIMEOUT_MS: '1500' } });
const connect = () => connectRaw(`127.0.0.1:${processes.api.port}`);
const EXECUTE_QUERY = '/stargate.Stargate/ExecuteQuery';

describe('messages of calls that are not authenticated', () => {
  it('100 calls without a token, each stalling a 4 MB message: UNAUTHENTICATED at once, memory unchanged', async () => {
    const { pid } = processes.api.service;
    const before = residentMiB(pid);
    const sessions = Array.from({ length: 100 }, connect);
    try {
      const answers = await Promise.all(
        sessions.map((session) => stalledCall(session, EXECUTE_QUERY, 4_000_000)),
      );
      for (const answer of answers) {
        expect(answer).toEqual({ grpcStatus: '16', grpcMessage: 'No%20token%20provided' });
      }
      // Give the process time to take in whatever the clients could push.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      // 100 connections cost ~60 MiB of their own; the messages took ~380 MiB more before.
      expect(residentMiB(pid) - before).toBeLessThan(150);
    } finally {
      for (const session of sessions) session.destroy();
    }
    expect(isRunning(processes.api.service)).toBe(true);
  }, 60_000);

  it('a call with a valid token that stalls its message ends with DEADLINE_EXCEEDED after HTTP_REQUEST_TIMEOUT_MS', async () => {
    const session = connect();
    try {
      const started = performance.now();
      const answer = await stalledCall(session, EXECUTE_QUERY, 4_000_000, {
        'x-cassandra-token': processes.bridge.token,
      });
      expect(answer).toEqual({
        grpcStatus: '4',
        grpcMessage: encodeURI('The request was not received within 1500 ms (HTTP_REQUEST_TIMEOUT_MS)'),
      });
      expect(performance.now() - started).toBeGreaterThanOrEqual(1_400);
    } finally {
      session.destroy();
    }
  }, 30_000);

  it('a call with a valid token still sends a message of 4 MB and gets its answer', async () => {
    const session = connect();
    try {
      // A point read with a ~4 MB comment.
      const query = encodedQuery(
        `SELECT release_version FROM system.local WHERE key = 'local' /* ${'q'.repeat(3_999_000)} */`,
      );
      const answered = await wholeCall(session, EXECUTE_QUERY, query, {
        'x-cassandra-token': processes.bridge.token,
      });
      expect(answered.status).toBe('0');
      expect(answered.body).toMatch(/5\.0\.\d+/); // release_version
    } finally {
      session.destroy();
    }
  }, 60_000);
});
