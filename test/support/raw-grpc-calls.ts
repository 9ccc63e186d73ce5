// gRPC calls written by hand over a raw HTTP/2 session, for tests of what a client that misbehaves
// can make a server hold: a message announced and then left unfinished, or one sent whole with
// exactly the headers given. Memory is read from /proc, as the kernel accounts the process.
import { readFileSync } from 'node:fs';
import http2 from 'node:http2';

export function residentMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/** A connection of its own per call: Node's client refuses to buffer more than 10 MB per session. */
export function connectRaw(address: string): http2.ClientHttp2Session {
  const session = http2.connect(`http://${address}`);
  session.on('error', () => undefined);
  return session;
}

export interface RawAnswer {
  grpcStatus: string | undefined;
  grpcMessage: string | undefined;
}

function open(session: http2.ClientHttp2Session, path: string, headers: Record<string, string>) {
  const stream = session.request({
    ':method': 'POST',
    ':path': path,
    'content-type': 'application/grpc',
    te: 'trailers',
    ...headers,
  });
  stream.on('error', () => undefined);
  return stream;
}

function lengthPrefix(bytes: number): Buffer {
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(bytes, 1);
  return prefix;
}

/**
 * Opens a unary call and writes all but the last byte of a message of `bytes` bytes; resolves with
 * the status of a refusal that comes before any reply (a trailers-only response: in the headers).
 */
export function stalledCall(
  session: http2.ClientHttp2Session,
  path: string,
  bytes: number,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const stream = open(session, path, headers);
  stream.write(lengthPrefix(bytes));
  stream.write(Buffer.alloc(bytes - 1, 1));
  return new Promise((resolve) => {
    stream.on('response', (h) =>
      resolve({
        grpcStatus: h['grpc-status'] as string | undefined,
        grpcMessage: h['grpc-message'] as string | undefined,
      }),
    );
  });
}

/** A whole unary call: its status and the reply's bytes as latin1 text (to look for a value in it). */
export function wholeCall(
  session: http2.ClientHttp2Session,
  path: string,
  message: Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: string | undefined; body: string }> {
  const stream = open(session, path, headers);
  stream.end(Buffer.concat([lengthPrefix(message.length), message]));
  const reply: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => reply.push(chunk));
  return new Promise((resolve) => {
    const done = (status: unknown) =>
      resolve({ status: status as string | undefined, body: Buffer.concat(reply).toString('latin1') });
    stream.on('response', (h) => {
      if (h['grpc-status'] !== undefined) done(h['grpc-status']);
    });
    stream.on('trailers', (trailers) => done(trailers['grpc-status']));
  });
}

/** Query { cql = 1 } as protobuf bytes (field 1, length-delimited). */
export function encodedQuery(cql: string): Buffer {
  const text = Buffer.from(cql);
  return Buffer.concat([Buffer.from([0x0a]), varint(text.length), text]);
}

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
