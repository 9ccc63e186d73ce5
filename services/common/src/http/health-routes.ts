// Liveness says the process works; readiness says its upstream answers (the bridge for an API,
// Cassandra for the bridge), so Kubernetes sends traffic only where it can be served.
import type { FastifyInstance } from 'fastify';
import { ALWAYS_SERVED } from './always-served.js';
import { PUBLIC_ROUTE } from './authentication.js';

export type ReadinessCheck = () => Promise<{ ready: boolean; detail?: string }>;

export function registerHealthRoutes(app: FastifyInstance, readiness: ReadinessCheck): void {
  app.get('/health/live', { config: { ...ALWAYS_SERVED, ...PUBLIC_ROUTE } }, async () => ({ status: 'UP' }));
  app.get('/health/ready', { config: { ...ALWAYS_SERVED, ...PUBLIC_ROUTE } }, async (_req, reply) => {
    const result = await readiness().catch((err: Error) => ({ ready: false, detail: err.message }));
    if (result.ready) return result.detail ? { status: 'READY', detail: result.detail } : { status: 'READY' };
    return reply.status(503).send({ status: 'NOT READY', detail: result.detail ?? 'upstream not ready' });
  });
}
