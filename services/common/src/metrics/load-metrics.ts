// Requests an API refused for load, by why: shed (an in-flight limit or a pressure signal) and
// rate limited (by token or client address). The registry's `service` label tells the APIs apart.
import { Counter, type Registry } from 'prom-client';

export type ShedReason = 'in_flight' | 'event_loop_delay' | 'event_loop_utilization' | 'heap_used' | 'rss';
export type RateLimitKey = 'token' | 'address';

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
  const shedBy = new Map<string, ReturnType<typeof shed.labels>>();
  const limitedBy = new Map<string, ReturnType<typeof limited.labels>>();
  return {
    shed(reason) {
      let child = shedBy.get(reason);
      if (!child) shedBy.set(reason, (child = shed.labels({ reason })));
      child.inc();
    },
    rateLimited(key) {
      let child = limitedBy.get(key);
      if (!child) limitedBy.set(key, (child = limited.labels({ key })));
      child.inc();
    },
  };
}
