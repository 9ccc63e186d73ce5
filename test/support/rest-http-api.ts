// The REST API as main.ts starts it, in this process: on 127.0.0.1 and a free port, against the
// bridges the settings name. Used by the REST integration tests and the fault suite (no vitest here).
import { type RunningHttpApi, startHttpApi } from '../../services/common/src/api/start-http-api.js';
import { loadConfig } from '../../services/common/src/config/load-config.js';
import { registerRestApi } from '../../services/rest/src/app.js';
import { type RestConfig, restConfigSchemas } from '../../services/rest/src/config.js';

/** `env`: settings by their environment names (BRIDGE_ADDRESS at least). */
export async function startRestHttpApi(env: Record<string, string>): Promise<RunningHttpApi> {
  const config = loadConfig<RestConfig>(restConfigSchemas, {
    BIND_HOST: '127.0.0.1',
    REST_PORT: '0',
    ...env,
  });
  return startHttpApi({
    service: 'rest',
    sourceApi: 'rest',
    config,
    port: 0,
    bodyLimitBytes: config.bodyLimitBytes,
    register: (app, context) => registerRestApi(app, context, config),
  });
}
