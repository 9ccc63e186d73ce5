// The process of an HTTP API whose settings name its port and body limit (REST, Docs): started
// with tracing, its logger and a graceful stop (lifecycle/run-service.ts).
import { runService, type ServiceSettings } from '../lifecycle/run-service.js';
import type { ApiCommonConfig } from './api-config.js';
import { type HttpApiOptions, startHttpApi } from './start-http-api.js';

export interface HttpApiSettings extends ApiCommonConfig, ServiceSettings {
  port: number;
  bodyLimitBytes: number;
}

export async function runHttpApi<C extends HttpApiSettings>(
  options: Pick<HttpApiOptions<C>, 'service' | 'sourceApi' | 'config' | 'register'>,
): Promise<void> {
  const { config } = options;
  await runService(options.service, config, (logger) =>
    startHttpApi({ ...options, logger, port: config.port, bodyLimitBytes: config.bodyLimitBytes }),
  );
}
