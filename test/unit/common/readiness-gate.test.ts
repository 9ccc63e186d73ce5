// Readiness as a load balancer sees it: ready while the upstream answers, and "draining" (503) from
// the moment shutdown begins, whatever the upstream says.
import { describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../../services/common/src/http/build-http-app.js';
import { ReadinessGate } from '../../../services/common/src/lifecycle/readiness-gate.js';
import { createLogger } from '../../../services/common/src/logging/logger.js';
import { createMetricsRegistry } from '../../../services/common/src/metrics/registry.js';

describe('ReadinessGate', () => {
  it('turns /health/ready 503 "draining" at once when closed', async () => {
    const gate = new ReadinessGate(async () => ({ ready: true }));
    const app = buildHttpApp({
      logger: createLogger('rest', 'silent'),
      registry: createMetricsRegistry('rest'),
      readiness: gate.readiness,
    });
    try {
      const before = await app.inject({ url: '/health/ready' });
      expect([before.statusCode, before.json()]).toEqual([200, { status: 'READY' }]);
      gate.close();
      const after = await app.inject({ url: '/health/ready' });
      expect([after.statusCode, after.json()]).toEqual([503, { status: 'NOT READY', detail: 'draining' }]);
      expect((await app.inject({ url: '/health/live' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('passes the upstream check through until closed', async () => {
    const gate = new ReadinessGate(async () => ({
      ready: false,
      detail: 'bridge at 127.0.0.1:8091: refused',
    }));
    expect(await gate.readiness()).toEqual({ ready: false, detail: 'bridge at 127.0.0.1:8091: refused' });
    gate.close('draining');
    expect(await gate.readiness()).toEqual({ ready: false, detail: 'draining' });
  });
});
