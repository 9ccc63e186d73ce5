// Bridge process entry: load settings, start, and stop gracefully on SIGTERM/SIGINT.
import { loadConfigOrExit } from '../../common/src/config/load-config.js';
import { installGracefulShutdown } from '../../common/src/lifecycle/graceful-shutdown.js';
import { createLogger } from '../../common/src/logging/logger.js';
import { createMetricsRegistry } from '../../common/src/metrics/registry.js';
import { startBridge } from './bridge.js';
import { checkDriverInternalsOrExit } from './cassandra/driver-internals.js';
import { type BridgeConfig, bridgeConfigSchemas } from './config.js';

const config = loadConfigOrExit<BridgeConfig>(bridgeConfigSchemas);
checkDriverInternalsOrExit();
const logger = createLogger('bridge', config.logLevel);
const bridge = await startBridge(config, logger, createMetricsRegistry('bridge'));
installGracefulShutdown({
  logger,
  deadlineMs: config.shutdownDeadlineMs,
  steps: [{ name: 'bridge', close: () => bridge.close() }],
});
