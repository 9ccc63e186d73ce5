// What Node's HTTP parser refuses before a route runs, as a client sees it on the wire: our error
// body ({"description","code"}) with Fastify's statuses, then the connection closed.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../../../services/common/src/http/build-http-app.js';
import { createLogger } from '../../../../services/common/src/logging/logger.js';
import { createMetricsRegistry } from '../../../../services/common/src/metrics/registry.js';

const app = buildHttpApp({
  logger: createLogger('rest', 'silent'),
  registry: createMetricsRegistry('rest'),
  readiness: async () => ({ ready: true }),
  requestTimeoutMs: 400,
});
app.post('/echo', async (req) => req.body);
let port = 0;

beforeAll(async () => {
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as net.AddressInfo).port;
});
afterAll(() => app.close());

/** Writes raw bytes and reads everything until the server closes the connection. */
function exchange(raw: string): Promise<{ status: number; headers: string; body: unknown; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(raw));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      resolve({
        status: Number(text.slice(9, 12)),
        headers: text.slice(0, end),
        body: JSON.parse(text.slice(end + 4)),
        ms: performance.now() - started,
      });
    });
  });
}

describe('errors of the HTTP parser', () => {
  it('a request not received within the request timeout: 408, our body, connection closed', async () => {
    const answer = await exchange(
      'POST /echo HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":',
    );
    expect([answer.status, answer.body]).toEqual([
      408,
      { description: 'The request was not received within 400 ms (HTTP_REQUEST_TIMEOUT_MS)', code: 408 },
    ]);
    expect(answer.headers).toMatch(/content-type: application\/json; charset=utf-8/i);
    expect(answer.ms).toBeGreaterThanOrEqual(390);
  });

  it('headers over 16 KiB: 431 and our body', async () => {
    const answer = await exchange(
      `GET /health/live HTTP/1.1\r\nHost: a\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
    );
    expect([answer.status, answer.body]).toEqual([
      431,
      { description: 'Request headers (or URL) larger than the 16 KiB the server accepts', code: 431 },
    ]);
  });

  it('bytes that are not HTTP: 400 and our body', async () => {
    const answer = await exchange('HELLO THERE\r\n\r\n');
    expect([answer.status, answer.body]).toEqual([400, { description: 'Malformed HTTP request', code: 400 }]);
  });
});
