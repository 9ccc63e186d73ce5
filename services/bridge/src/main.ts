// Bridge process entry: load settings, start, and stop gracefully on SIGTERM/SIGINT.
import { loadConfigOrExit, startOrExit } from '../../common/src/config/load-config.js';
import { installGracefulShutdown } from '../../common/src/lifecycle/graceful-shutdown.js';
import { createLogger } from '../../common/src/logging/logger.js';
import { createMetricsRegistry } from '../../common/src/metrics/registry.js';
import { startTracing, stopTracing } from '../../common/src/tracing/tracing.js';
import { startBridge } from './bridge.js';
import { checkDriverInternalsOrExit } from './cassandra/driver-internals.js';
import { type BridgeConfig, bridgeConfigSchemas } from './config.js';

const config = loadConfigOrExit<BridgeConfig>(bridgeConfigSchemas);
checkDriverInternalsOrExit();
// Before the logger: its lines then carry the trace id.
await startTracing('bridge', config);
const logger = createLogger('bridge', config.logLevel);
const bridge = await startOrExit(() => startBridge(config, logger, createMetricsRegistry('bridge')));
installGracefulShutdown({
  logger,
  deadlineMs: config.shutdownDeadlineMs,
  steps: [
    { name: 'bridge', close: () => bridge.close() },
    { name: 'tracing', close: stopTracing },
  ],
});
