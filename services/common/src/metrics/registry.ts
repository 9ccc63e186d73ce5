// One prom-client registry per process; the `service` label is set once on the registry.
import { collectDefaultMetrics, Registry } from 'prom-client';

export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  // Event-loop monitoring at 20 ms resolution: the default 10 ms costs measurable CPU.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  return registry;
}
