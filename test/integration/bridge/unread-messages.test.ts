// Unary calls to the bridge's own gRPC port that send a large message slowly, against the bridge as
// it ships (its own process). grpc-js reads a unary call's whole message before the handler (which
// authenticated) runs: 60 calls without a token, each sending all but the last byte of a 4 MB
// message, held their messages in the bridge's memory until their connections closed. Now the
// message is read only once the call's token is valid; a call without one ends at once.

import { readFileSync } from 'node:fs';
import http2 from 'node:http2';
import { describe, expect, it } from 'vitest';
import { isRunning, useServiceProcesses } from '../../support/service-processes.js';

const processes = useServiceProcesses('rest');

function residentMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

interface Answer {
  grpcStatus: string | undefined;
  grpcMessage: string | undefined;
}

/** Opens a unary call to the bridge and writes all but the last byte of a message of `bytes` bytes. */
function stalledCall(
  session: http2.ClientHttp2Session,
  path: string,
  bytes: number,
  token?: string,
): Promise<Answer> {
  const stream = session.request({
    ':method': 'POST',
    ':path': path,
    'content-type': 'application/grpc',
    te: 'trailers',
    'x-source-api': 'rest',
    ...(token ? { 'x-cassandra-token': token } : {}),
  });
  stream.on('error', () => undefined);
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(bytes, 1);
  stream.write(prefix);
  stream.write(Buffer.alloc(bytes - 1, 1));
  return new Promise((resolve) => {
    // A refusal before any reply is a trailers-only response: the status comes in the headers.
    stream.on('response', (headers) =>
      resolve({
        grpcStatus: headers['grpc-status'] as string | undefined,
        grpcMessage: headers['grpc-message'] as string | undefined,
      }),
    );
  });
}

/** A connection of its own per call: Node's client refuses to buffer more than 10 MB per session. */
function connect(): http2.ClientHttp2Session {
  const session = http2.connect(`http://${processes.bridge.grpcAddress}`);
  session.on('error', () => undefined);
  return session;
}

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
          stalledCall(session, paths[i % paths.length]!, 4_000_000, i % 2 === 0 ? undefined : 'not-a-token'),
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
      const call = (path: string, message: Buffer, token?: string) => {
        const stream = session.request({
          ':method': 'POST',
          ':path': path,
          'content-type': 'application/grpc',
          te: 'trailers',
          'x-source-api': 'rest',
          ...(token ? { 'x-cassandra-token': token } : {}),
        });
        stream.on('error', () => undefined);
        const prefix = Buffer.alloc(5);
        prefix.writeUInt32BE(message.length, 1);
        stream.end(Buffer.concat([prefix, message]));
        const reply: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => reply.push(chunk));
        return new Promise<{ status: string | undefined; body: string }>((resolve) => {
          const done = (status: unknown) =>
            resolve({ status: status as string | undefined, body: Buffer.concat(reply).toString('latin1') });
          stream.on('response', (headers) => {
            if (headers['grpc-status'] !== undefined) done(headers['grpc-status']);
          });
          stream.on('trailers', (trailers) => done(trailers['grpc-status']));
        });
      };
      // Query { cql = 1 } in protobuf: a point read with a ~1 MB comment.
      const cql = Buffer.from(
        `SELECT release_version FROM system.local WHERE key = 'local' /* ${'q'.repeat(1_000_000)} */`,
      );
      const query = Buffer.concat([Buffer.from([0x0a]), varint(cql.length), cql]);
      const answered = await call('/stargate.StargateBridge/ExecuteQuery', query, processes.bridge.token);
      expect(answered.status).toBe('0');
      expect(answered.body).toMatch(/5\.0\.\d+/); // release_version
      const features = await call('/stargate.StargateBridge/GetSupportedFeatures', Buffer.alloc(0));
      expect(features.status).toBe('0');
    } finally {
      session.destroy();
    }
  }, 60_000);
});

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  while (v > 0x7f) {
    bytes.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  bytes.push(v);
  return Buffer.from(bytes);
}
