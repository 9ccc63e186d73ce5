// GraphQL API process entry: load settings, start, and stop gracefully on SIGTERM/SIGINT.
import { loadConfigOrExit, startOrExit } from '../../common/src/config/load-config.js';
import { installGracefulShutdown } from '../../common/src/lifecycle/graceful-shutdown.js';
import { createLogger } from '../../common/src/logging/logger.js';
import { startTracing, stopTracing } from '../../common/src/tracing/tracing.js';
import { startGraphqlApi } from './app.js';
import { type GraphqlConfig, graphqlConfigSchemas } from './config.js';

const config = loadConfigOrExit<GraphqlConfig>(graphqlConfigSchemas);
// Before the logger: its lines then carry the trace id.
await startTracing('graphql', config);
const logger = createLogger('graphql', config.logLevel);
const api = await startOrExit(() => startGraphqlApi({ config, logger }));
installGracefulShutdown({
  logger,
  deadlineMs: config.shutdownDeadlineMs,
  steps: [
    { name: 'graphql', close: () => api.close() },
    { name: 'tracing', close: stopTracing },
  ],
});
