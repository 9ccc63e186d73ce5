// Request rate, latency and errors per route template, plus the /metrics endpoint.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Histogram, type Registry } from 'prom-client';
import { ALWAYS_SERVED } from '../http/always-served.js';
import { PUBLIC_ROUTE } from '../http/authentication.js';
import { CLIENT_CLOSED_REQUEST } from '../http/client-closed.js';
import { histogramSeries } from './histogram-series.js';

const OBSERVED = Symbol('durationObserved');

interface ObservedRequest extends FastifyRequest {
  [OBSERVED]?: true;
}

export function registerHttpMetrics(app: FastifyInstance, registry: Registry): void {
  const duration = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status (499: the client went away first)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  // Fastify times every reply itself (reply.elapsedTime): its hooks only decide when to observe,
  // and each request is observed once, by whichever of them comes first.
  const series = histogramSeries(duration);
  const observe = (req: ObservedRequest, reply: FastifyReply, route: string, status: number) => {
    if (req[OBSERVED]) return;
    req[OBSERVED] = true;
    series(`${req.method} ${status} ${route}`, () => ({
      method: req.method,
      route,
      status: String(status),
    })).observe(reply.elapsedTime / 1000);
  };
  const routeOf = (req: FastifyRequest) => req.routeOptions.url ?? 'unmatched';

  // Answered: onResponse comes at the response's 'finish', before its 'close'.
  app.addHook('onResponse', (req, reply, done) => {
    const route = routeOf(req);
    if (route !== '/metrics') observe(req, reply, route, reply.statusCode);
    done();
  });
  // A client that went away before the answer (a timeout, a POST left while the bridge works)
  // never reaches onResponse. The raw response's 'close' comes once for every request, after its
  // last byte or without it (the in-flight limit and the tracing rely on it too): without it, the
  // request is a 499 (nginx's "client closed request") after the time it was worked on. This is the
  // first onRequest hook (buildHttpApp installs it before any other), so no hook answers before it.
  app.addHook('onRequest', (req, reply, done) => {
    const route = routeOf(req);
    if (route !== '/metrics') {
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) observe(req, reply, route, CLIENT_CLOSED_REQUEST);
      });
    }
    done();
  });
  app.get('/metrics', { config: { ...ALWAYS_SERVED, ...PUBLIC_ROUTE } }, async (_req, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
