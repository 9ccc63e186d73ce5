// Request rate, latency and errors per route template, plus the /metrics endpoint.
import type { FastifyInstance } from 'fastify';
import { Histogram, type Registry } from 'prom-client';
import { ALWAYS_SERVED } from '../http/always-served.js';
import { PUBLIC_ROUTE } from '../http/authentication.js';
import { histogramSeries } from './histogram-series.js';

export function registerHttpMetrics(app: FastifyInstance, registry: Registry): void {
  const duration = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  // Fastify times every reply itself (reply.elapsedTime), so no onRequest hook.
  const series = histogramSeries(duration);
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    if (route !== '/metrics') {
      const status = reply.statusCode;
      series(`${req.method} ${status} ${route}`, () => ({
        method: req.method,
        route,
        status: String(status),
      })).observe(reply.elapsedTime / 1000);
    }
    done();
  });
  app.get('/metrics', { config: { ...ALWAYS_SERVED, ...PUBLIC_ROUTE } }, async (_req, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
