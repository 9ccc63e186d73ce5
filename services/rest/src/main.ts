// REST API process entry: load settings, start the HTTP API against the bridge, stop gracefully.
import { startHttpApi } from '../../common/src/api/start-http-api.js';
import { loadConfigOrExit } from '../../common/src/config/load-config.js';
import { runService } from '../../common/src/lifecycle/run-service.js';
import { registerRestApi } from './app.js';
import { type RestConfig, restConfigSchemas } from './config.js';

const config = loadConfigOrExit<RestConfig>(restConfigSchemas);
await runService('rest', config, (logger) =>
  startHttpApi({
    service: 'rest',
    sourceApi: 'rest',
    config,
    logger,
    port: config.port,
    bodyLimitBytes: config.bodyLimitBytes,
    register: (app, context) => registerRestApi(app, context, config),
  }),
);
