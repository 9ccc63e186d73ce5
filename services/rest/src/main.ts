// REST API process entry: load settings, start the HTTP API against the bridge, stop gracefully.
import { startHttpApi } from '../../common/src/api/start-http-api.js';
import { loadConfigOrExit, startOrExit } from '../../common/src/config/load-config.js';
import { installGracefulShutdown } from '../../common/src/lifecycle/graceful-shutdown.js';
import { startTracing, stopTracing } from '../../common/src/tracing/tracing.js';
import { registerRestApi } from './app.js';
import { type RestConfig, restConfigSchemas } from './config.js';

const config = loadConfigOrExit<RestConfig>(restConfigSchemas);
// Before the logger (created by startHttpApi): its lines then carry the trace id.
await startTracing('rest', config);
const api = await startOrExit(() =>
  startHttpApi({
    service: 'rest',
    sourceApi: 'rest',
    config,
    port: config.port,
    bodyLimitBytes: config.bodyLimitBytes,
    register: (app, context) => registerRestApi(app, context, config),
  }),
);
installGracefulShutdown({
  logger: api.context.logger,
  deadlineMs: config.shutdownDeadlineMs,
  steps: [
    { name: 'rest', close: () => api.close() },
    { name: 'tracing', close: stopTracing },
  ],
});
