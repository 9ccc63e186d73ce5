// Request rate, latency and errors per route template, plus the /metrics endpoint.
import type { FastifyInstance } from 'fastify';
import { Histogram, type Registry } from 'prom-client';

const startTimes = new WeakMap<object, bigint>();

export function registerHttpMetrics(app: FastifyInstance, registry: Registry): void {
  const duration = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  app.addHook('onRequest', async (req) => {
    startTimes.set(req, process.hrtime.bigint());
  });
  app.addHook('onResponse', async (req, reply) => {
    const start = startTimes.get(req);
    if (start === undefined) return;
    const route = req.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    duration.observe({ method: req.method, route, status: String(reply.statusCode) }, seconds);
  });
  app.get('/metrics', async (_req, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
