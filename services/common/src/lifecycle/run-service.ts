// What every process's main.ts does once its settings are loaded: tracing first (so the logger's
// lines carry the trace id), then the logger, then the service (a bad setting found while starting
// exits with one line), and a graceful stop on SIGTERM/SIGINT: the service, then tracing.
import type { Logger } from 'pino';
import { startOrExit } from '../config/load-config.js';
import { createLogger } from '../logging/logger.js';
import { startTracing, stopTracing } from '../tracing/tracing.js';
import type { TracingConfig } from '../tracing/tracing-config.js';
import { installGracefulShutdown } from './graceful-shutdown.js';

export interface ServiceSettings extends TracingConfig {
  logLevel: string;
  shutdownDeadlineMs: number;
}

export async function runService(
  service: string,
  config: ServiceSettings,
  start: (logger: Logger) => Promise<{ close(): Promise<void> }>,
): Promise<void> {
  await startTracing(service, config);
  const logger = createLogger(service, config.logLevel);
  const running = await startOrExit(() => start(logger));
  installGracefulShutdown({
    logger,
    deadlineMs: config.shutdownDeadlineMs,
    steps: [
      { name: service, close: () => running.close() },
      { name: 'tracing', close: stopTracing },
    ],
  });
}
