// Errors Node's HTTP parser raises before a request reaches Fastify (a request not received within
// the request timeout, headers over the size limit, a malformed request), answered with our error
// body ({"description","code"}) and the status Fastify's own handler uses, then the connection is
// closed (the parser cannot go on after one of them).
import http from 'node:http';
import type { Socket } from 'node:net';
import { ApiError } from '../errors/api-error.js';

export function clientErrorAnswer(
  err: Error & { code?: string },
  requestTimeoutMs: number,
): { status: number; description: string } {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    const timedOut = new ApiError('REQUEST_NOT_RECEIVED', { ms: requestTimeoutMs });
    return { status: timedOut.httpStatus, description: timedOut.message };
  }
  if (err.code === 'HPE_HEADER_OVERFLOW')
    return { status: 431, description: 'Request headers (or URL) larger than the 16 KiB the server accepts' };
  return { status: 400, description: 'Malformed HTTP request' };
}

export function answerClientError(requestTimeoutMs: number) {
  return (err: Error & { code?: string }, socket: Socket): void => {
    // A connection reset has nothing left to answer (Node's documentation of 'clientError').
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const { status, description } = clientErrorAnswer(err, requestTimeoutMs);
    if (socket.writable) {
      const body = JSON.stringify({ description, code: status });
      socket.write(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\n` +
          `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    }
    socket.destroy(err);
  };
}
