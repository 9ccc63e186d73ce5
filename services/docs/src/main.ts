// Document API process entry: load settings, start the HTTP API against the bridge, stop gracefully.
import { startHttpApi } from '../../common/src/api/start-http-api.js';
import { loadConfigOrExit } from '../../common/src/config/load-config.js';
import { runService } from '../../common/src/lifecycle/run-service.js';
import { registerDocsApi } from './app.js';
import { type DocsConfig, docsConfigSchemas } from './config.js';

const config = loadConfigOrExit<DocsConfig>(docsConfigSchemas);
await runService('docs', config, (logger) =>
  startHttpApi({
    service: 'docs',
    // Stargate's Document API identifies itself to the bridge as the REST API.
    sourceApi: 'rest',
    config,
    logger,
    port: config.port,
    bodyLimitBytes: config.bodyLimitBytes,
    register: (app, context) => registerDocsApi(app, context, config),
  }),
);
