// gRPC API process entry: load settings, start, and stop gracefully on SIGTERM/SIGINT.
import { loadConfigOrExit, startOrExit } from '../../common/src/config/load-config.js';
import { installGracefulShutdown } from '../../common/src/lifecycle/graceful-shutdown.js';
import { createLogger } from '../../common/src/logging/logger.js';
import { startTracing, stopTracing } from '../../common/src/tracing/tracing.js';
import { startGrpcApi } from './app.js';
import { type GrpcConfig, grpcConfigSchemas } from './config.js';

const config = loadConfigOrExit<GrpcConfig>(grpcConfigSchemas);
// Before the logger: its lines then carry the trace id.
await startTracing('grpc', config);
const logger = createLogger('grpc', config.logLevel);
const api = await startOrExit(() => startGrpcApi({ config, logger }));
installGracefulShutdown({
  logger,
  deadlineMs: config.shutdownDeadlineMs,
  steps: [
    { name: 'grpc', close: () => api.close() },
    { name: 'tracing', close: stopTracing },
  ],
});
