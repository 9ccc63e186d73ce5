// Bridge process entry: load settings, check the driver, start, and stop gracefully on SIGTERM/SIGINT.
import { loadConfigOrExit } from '../../common/src/config/load-config.js';
import { runService } from '../../common/src/lifecycle/run-service.js';
import { createMetricsRegistry } from '../../common/src/metrics/registry.js';
import { startBridge } from './bridge.js';
import { checkDriverInternalsOrExit } from './cassandra/driver-internals.js';
import { type BridgeConfig, bridgeConfigSchemas } from './config.js';

const config = loadConfigOrExit<BridgeConfig>(bridgeConfigSchemas);
checkDriverInternalsOrExit();
await runService('bridge', config, (logger) => startBridge(config, logger, createMetricsRegistry('bridge')));
