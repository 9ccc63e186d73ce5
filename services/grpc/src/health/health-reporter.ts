// grpc.health.v1.Health on the public port: SERVING only while the bridge answers. A Check asks the
// bridge (BridgeReadiness caches the answer for a second, so probes cannot flood it); a background
// poll keeps Watch streams current. On shutdown everything turns NOT_SERVING first, so load
// balancers stop sending calls before the listener closes.
import type * as grpc from '@grpc/grpc-js';
import { HealthImplementation, type ServingStatus } from 'grpc-health-check';
import type { Logger } from 'pino';
import type { BridgeReadiness } from '../../../common/src/bridge/bridge-readiness.js';

/** '' is the server as a whole (what a Kubernetes gRPC probe asks by default). */
const HEALTH_SERVICE_NAMES = ['', 'stargate.Stargate'] as const;

const POLL_INTERVAL_MS = 5000;

type CheckHandler = grpc.handleUnaryCall<unknown, unknown>;

export class HealthReporter {
  private readonly health = new HealthImplementation(
    Object.fromEntries(HEALTH_SERVICE_NAMES.map((name) => [name, 'NOT_SERVING' as ServingStatus])),
  );
  private current: ServingStatus = 'NOT_SERVING';
  private timer: NodeJS.Timeout | undefined;
  private shuttingDown = false;

  constructor(
    private readonly readiness: BridgeReadiness,
    private readonly logger: Logger,
  ) {}

  addToServer(server: grpc.Server): void {
    this.health.addToServer({
      addService: (service, implementation) => {
        const check = implementation.check as CheckHandler;
        server.addService(service, {
          ...implementation,
          check: ((call, callback) => {
            void this.refresh().then(() => check(call, callback));
          }) satisfies CheckHandler,
        });
      },
    });
  }

  start(): void {
    const poll = () => {
      void this.refresh().then(() => {
        if (!this.shuttingDown) this.timer = setTimeout(poll, POLL_INTERVAL_MS).unref();
      });
    };
    poll();
  }

  /** NOT_SERVING from now on. */
  shutdown(): void {
    this.shuttingDown = true;
    if (this.timer) clearTimeout(this.timer);
    this.set('NOT_SERVING');
  }

  private async refresh(): Promise<void> {
    if (this.shuttingDown) return;
    const { ready, detail } = await this.readiness.check();
    if (this.shuttingDown) return;
    const status: ServingStatus = ready ? 'SERVING' : 'NOT_SERVING';
    if (status !== this.current) this.logger.info({ status, detail }, 'gRPC health changed');
    this.set(status);
  }

  private set(status: ServingStatus): void {
    this.current = status;
    for (const name of HEALTH_SERVICE_NAMES) this.health.setStatus(name, status);
  }
}
