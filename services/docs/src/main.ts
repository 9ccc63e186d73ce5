// Document API process entry: load settings, start the HTTP API against the bridge, stop gracefully.
import { startHttpApi } from '../../common/src/api/start-http-api.js';
import { loadConfigOrExit, startOrExit } from '../../common/src/config/load-config.js';
import { installGracefulShutdown } from '../../common/src/lifecycle/graceful-shutdown.js';
import { startTracing, stopTracing } from '../../common/src/tracing/tracing.js';
import { registerDocsApi } from './app.js';
import { type DocsConfig, docsConfigSchemas } from './config.js';

const config = loadConfigOrExit<DocsConfig>(docsConfigSchemas);
// Before the logger (created by startHttpApi): its lines then carry the trace id.
await startTracing('docs', config);
const api = await startOrExit(() =>
  startHttpApi({
    service: 'docs',
    // Stargate's Document API identifies itself to the bridge as the REST API.
    sourceApi: 'rest',
    config,
    port: config.port,
    bodyLimitBytes: config.bodyLimitBytes,
    register: (app, context) => registerDocsApi(app, context, config),
  }),
);
installGracefulShutdown({
  logger: api.context.logger,
  deadlineMs: config.shutdownDeadlineMs,
  steps: [
    { name: 'docs', close: () => api.close() },
    { name: 'tracing', close: stopTracing },
  ],
});
