// REST API process entry: load settings, start the HTTP API against the bridge, stop gracefully.
import { runHttpApi } from '../../common/src/api/run-http-api.js';
import { loadConfigOrExit } from '../../common/src/config/load-config.js';
import { registerRestApi } from './app.js';
import { type RestConfig, restConfigSchemas } from './config.js';

const config = loadConfigOrExit<RestConfig>(restConfigSchemas);
await runHttpApi({
  service: 'rest',
  sourceApi: 'rest',
  config,
  register: (app, context) => registerRestApi(app, context, config),
});
