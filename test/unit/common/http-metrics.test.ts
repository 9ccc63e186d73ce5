import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../../services/common/src/http/build-http-app.js';

describe('HTTP request metrics', () => {
  it('counts and times requests per method, route template and status', async () => {
    const app = buildHttpApp({
      logger: pino({ level: 'silent' }),
      registry: new Registry(),
      readiness: async () => ({ ready: true }),
    });
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
});
