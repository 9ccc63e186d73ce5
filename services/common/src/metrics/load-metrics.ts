// Requests an API refused for load, by why: shed (an in-flight limit or a pressure signal) and
// rate limited (by token or client address). The registry's `service` label tells the APIs apart.
import { Counter, type Registry } from 'prom-client';

const shedReasons = [
  'in_flight',
  'body_bytes',
  'event_loop_delay',
  'event_loop_utilization',
  'heap_used',
  'rss',
  // The GraphQL API's schema deploys waiting for their turn (schema-first/deploy-queue.ts).
  'deploy_queue',
] as const;
const rateLimitKeys = ['token', 'address'] as const;

export type ShedReason = (typeof shedReasons)[number];
export type RateLimitKey = (typeof rateLimitKeys)[number];

export interface LoadMetrics {
  shed(reason: ShedReason): void;
  rateLimited(key: RateLimitKey): void;
}

export function createLoadMetrics(registry: Registry): LoadMetrics {
  const shed = new Counter({
    name: 'api_requests_shed_total',
    help: 'Requests refused at once because the API was overloaded (503 / RESOURCE_EXHAUSTED), by reason',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const limited = new Counter({
    name: 'api_requests_rate_limited_total',
    help: 'Requests refused by the per-token rate limit (429 / RESOURCE_EXHAUSTED), by what keyed them',
    labelNames: ['key'] as const,
    registers: [registry],
  });
  // Every series exists from the start (a 0 is worth scraping) and costs no lookup per refusal.
  const shedBy = new Map(shedReasons.map((reason) => [reason, shed.labels({ reason })]));
  const limitedBy = new Map(rateLimitKeys.map((key) => [key, limited.labels({ key })]));
  return {
    shed: (reason) => shedBy.get(reason)?.inc(),
    rateLimited: (key) => limitedBy.get(key)?.inc(),
  };
}
