// Readiness that turns "not ready" with a reason the moment a drain begins, before any listener
// closes: load balancers and Kubernetes stop sending new work while the work in flight finishes.
import type { ReadinessCheck } from '../http/health-routes.js';

export class ReadinessGate {
  private reason: string | undefined;

  constructor(private readonly check: ReadinessCheck) {}

  /** From now on readiness answers not ready with this reason. */
  close(reason = 'draining'): void {
    this.reason ??= reason;
  }

  get closed(): boolean {
    return this.reason !== undefined;
  }

  readonly readiness: ReadinessCheck = async () => {
    if (this.reason !== undefined) return { ready: false, detail: this.reason };
    return this.check();
  };
}
