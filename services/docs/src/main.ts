// Document API process entry: load settings, start the HTTP API against the bridge, stop gracefully.
import { runHttpApi } from '../../common/src/api/run-http-api.js';
import { loadConfigOrExit } from '../../common/src/config/load-config.js';
import { registerDocsApi } from './app.js';
import { type DocsConfig, docsConfigSchemas } from './config.js';

const config = loadConfigOrExit<DocsConfig>(docsConfigSchemas);
// Stargate's Document API identifies itself to the bridge as the REST API.
await runHttpApi({
  service: 'docs',
  sourceApi: 'rest',
  config,
  register: (app, context) => registerDocsApi(app, context, config),
});
