// Unary calls to the bridge's own gRPC port that send a large message slowly, against the bridge as
// it ships (its own process). grpc-js reads a unary call's whole message before the handler (which
// authenticated) runs: 60 calls without a token, each sending all but the last byte of a 4 MB
// message, held their messages in the bridge's memory until their connections closed. Now the
// message is read only once the call's token is valid; a call without one ends at once.

import { describe, expect, it } from 'vitest';
import {
  connectRaw,
  encodedQuery,
  residentMiB,
  stalledCall,
  wholeCall,
} from '../../support/raw-grpc-calls.js';
import { isRunning, useServiceProcesses } from '../../support/service-processes.js';

const processes = useServiceProcesses('rest');
const connect = () => connectRaw(processes.bridge.grpcAddress);
const SOURCE = { 'x-source-api': 'rest' };

describe("the bridge's unary calls that are not authenticated", () => {
  it('60 calls without a valid token, each stalling a 4 MB message: UNAUTHENTICATED at once, memory unchanged', async () => {
    const { pid } = processes.bridge.service;
    const before = residentMiB(pid);
    const paths = ['ExecuteQuery', 'ExecuteBatch', 'ExecuteQueryWithSchema', 'DescribeKeyspace'].map(
      (rpc) => `/stargate.StargateBridge/${rpc}`,
    );
    const sessions = Array.from({ length: 60 }, connect);
    try {
      const answers = await Promise.all(
        sessions.map((session, i) =>
          stalledCall(
            session,
            paths[i % paths.length]!,
            4_000_000,
            i % 2 === 0 ? SOURCE : { ...SOURCE, 'x-cassandra-token': 'not-a-token' },
          ),
        ),
      );
      for (const [i, answer] of answers.entries()) {
        expect(answer.grpcStatus).toBe('16');
        expect(decodeURIComponent(answer.grpcMessage ?? '')).toMatch(
          i % 2 === 0 ? /No token provided/ : /token/i,
        );
      }
      // Give the process time to take in whatever the clients could push.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      // The connections cost 30–70 MiB of their own; the messages alone would be 240 MB.
      expect(residentMiB(pid) - before).toBeLessThan(160);
    } finally {
      for (const session of sessions) session.destroy();
    }
    expect(isRunning(processes.bridge.service)).toBe(true);
  }, 60_000);

  it('a call with a valid token still sends its message and gets its answer; the readiness probe needs none', async () => {
    const session = connect();
    try {
      const query = encodedQuery(
        `SELECT release_version FROM system.local WHERE key = 'local' /* ${'q'.repeat(1_000_000)} */`,
      );
      const answered = await wholeCall(session, '/stargate.StargateBridge/ExecuteQuery', query, {
        ...SOURCE,
        'x-cassandra-token': processes.bridge.token,
      });
      expect(answered.status).toBe('0');
      expect(answered.body).toMatch(/5\.0\.\d+/); // release_version
      const features = await wholeCall(
        session,
        '/stargate.StargateBridge/GetSupportedFeatures',
        Buffer.alloc(0),
        SOURCE,
      );
      expect(features.status).toBe('0');
    } finally {
      session.destroy();
    }
  }, 60_000);
});
