// Calls that send a large message slowly, against the gRPC API as it ships (its own process). grpc-js
// reads a unary call's whole message before its handler runs: 100 calls without any token, each
// sending all but the last byte of a 4 MB message over one connection, held ~380 MB of the API's
// memory (its pod's limit is 384 MiB) until the connection closed. Now the message is read only
// once the call's token is valid; a call without one ends at once with UNAUTHENTICATED, and one
// with a valid token whose message does not arrive in time ends with DEADLINE_EXCEEDED.

import { readFileSync } from 'node:fs';
import http2 from 'node:http2';
import { describe, expect, it } from 'vitest';
import { isRunning, useServiceProcesses } from '../../support/service-processes.js';

// A short receive timeout, for the stalled call with a valid token below.
const processes = useServiceProcesses('grpc', { api: { HTTP_REQUEST_TIMEOUT_MS: '1500' } });

function residentMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

interface Answer {
  grpcStatus: string | undefined;
  grpcMessage: string | undefined;
}

/** Opens a unary call and writes all but the last byte of a message of `bytes` bytes. */
function stalledCall(session: http2.ClientHttp2Session, bytes: number, token?: string): Promise<Answer> {
  const stream = session.request({
    ':method': 'POST',
    ':path': '/stargate.Stargate/ExecuteQuery',
    'content-type': 'application/grpc',
    te: 'trailers',
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
  const session = http2.connect(`http://127.0.0.1:${processes.api.port}`);
  session.on('error', () => undefined);
  return session;
}

describe('messages of calls that are not authenticated', () => {
  it('100 calls without a token, each stalling a 4 MB message: UNAUTHENTICATED at once, memory unchanged', async () => {
    const { pid } = processes.api.service;
    const before = residentMiB(pid);
    const sessions = Array.from({ length: 100 }, connect);
    try {
      const answers = await Promise.all(sessions.map((session) => stalledCall(session, 4_000_000)));
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
      const answer = await stalledCall(session, 4_000_000, processes.bridge.token);
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
      const stream = session.request({
        ':method': 'POST',
        ':path': '/stargate.Stargate/ExecuteQuery',
        'content-type': 'application/grpc',
        te: 'trailers',
        'x-cassandra-token': processes.bridge.token,
      });
      stream.on('error', () => undefined);
      // Query { cql = 1 } in protobuf (field 1, length-delimited): a point read with a ~4 MB comment.
      const cql = Buffer.from(
        `SELECT release_version FROM system.local WHERE key = 'local' /* ${'q'.repeat(3_999_000)} */`,
      );
      const message = Buffer.concat([Buffer.from([0x0a]), varint(cql.length), cql]);
      const prefix = Buffer.alloc(5);
      prefix.writeUInt32BE(message.length, 1);
      stream.end(Buffer.concat([prefix, message]));
      const reply: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => reply.push(chunk));
      const status = await new Promise<string | undefined>((resolve) => {
        stream.on('response', (headers) => {
          if (headers['grpc-status'] !== undefined) resolve(headers['grpc-status'] as string);
        });
        stream.on('trailers', (trailers) => resolve(trailers['grpc-status'] as string | undefined));
      });
      expect(status).toBe('0');
      expect(Buffer.concat(reply).toString('latin1')).toMatch(/5\.0\.\d+/); // release_version
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
