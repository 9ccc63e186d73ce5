// Reading the bridge driver's connections per node from its Prometheus text.
import { describe, expect, it } from 'vitest';
import { openConnectionsByHost } from '../../../test/faults/bridge-health.js';

describe('openConnectionsByHost', () => {
  it('reads bridge_driver_open_connections per host and ignores other series', () => {
    const metrics = [
      '# HELP bridge_driver_open_connections Open connections per Cassandra node',
      '# TYPE bridge_driver_open_connections gauge',
      'bridge_driver_open_connections{host="127.0.0.40:9042",service="bridge"} 1',
      'bridge_driver_open_connections{host="127.0.0.41:9042"} 0',
      'bridge_driver_in_flight_requests{host="127.0.0.42:9042"} 3',
    ].join('\n');
    expect([...openConnectionsByHost(metrics)]).toEqual([
      ['127.0.0.40:9042', 1],
      ['127.0.0.41:9042', 0],
    ]);
  });
});
