import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import { buildHttpApp } from '../../../services/common/src/http/build-http-app.js';
import { abandonRequests } from '../../support/abandoned-requests.js';

const silentApp = () =>
  buildHttpApp({
    logger: pino({ level: 'silent' }),
    registry: new Registry(),
    readiness: async () => ({ ready: true }),
  });

describe('HTTP request metrics', () => {
  it('counts and times requests per method, route template and status', async () => {
    const app = silentApp();
    app.get('/rows/:id', async (req, reply) => {
      await new Promise((r) => setTimeout(r, 20));
      return reply.code((req.params as { id: string }).id === 'gone' ? 404 : 200).send({ ok: true });
    });
    for (const id of ['1', '2', 'gone']) await app.inject({ method: 'GET', url: `/rows/${id}` });
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain(
      'http_server_request_duration_seconds_count{method="GET",route="/rows/:id",status="200"} 2',
    );
    expect(metrics).toContain(
      'http_server_request_duration_seconds_count{method="GET",route="/rows/:id",status="404"} 1',
    );
    // Each took at least the handler's 20 ms: the time is the reply's, in seconds.
    const sum =
      /http_server_request_duration_seconds_sum\{method="GET",route="\/rows\/:id",status="200"\} ([\d.e-]+)/.exec(
        metrics,
      );
    expect(Number(sum?.[1])).toBeGreaterThanOrEqual(0.038);
    expect(Number(sum?.[1])).toBeLessThan(10);
    expect(metrics).not.toContain('route="/metrics"');
    await app.close();
  });

  it('counts a request whose client went away before the answer once, as 499, after the time it waited', async () => {
    const app = silentApp();
    // Each write takes 200 ms; the test knows when every one has answered (into a closed socket).
    let answered = 0;
    app.post('/rows', async (_req, reply) => {
      await new Promise((r) => setTimeout(r, 200));
      answered++;
      return reply.code(201).send({ ok: true });
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const write = {
      method: 'POST',
      path: '/rows',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    };
    await abandonRequests(url, write, 3);
    expect((await fetch(`${url}/rows`, { method: 'POST', headers: write.headers, body: '{}' })).status).toBe(
      201,
    );
    await vi.waitFor(() => expect(answered).toBe(4), { timeout: 5000, interval: 10 });

    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain(
      'http_server_request_duration_seconds_count{method="POST",route="/rows",status="499"} 3',
    );
    // The answered one once under its status; the abandoned ones not again once answered.
    expect(metrics).toContain(
      'http_server_request_duration_seconds_count{method="POST",route="/rows",status="201"} 1',
    );
    // Their time is until the client left (~1 ms each), not the 200 ms of the work.
    const sum =
      /http_server_request_duration_seconds_sum\{method="POST",route="\/rows",status="499"\} ([\d.e-]+)/.exec(
        metrics,
      );
    expect(Number(sum?.[1])).toBeGreaterThan(0);
    expect(Number(sum?.[1])).toBeLessThan(0.5);
    expect(metrics).not.toContain('route="/metrics"');
    await app.close();
  });
});
