// On SIGTERM/SIGINT: stop accepting, let in-flight work finish up to a deadline, close upstreams
// in order, exit 0. A second signal, or the deadline passing, exits at once with status 1.
import type { Logger } from 'pino';

export interface ShutdownStep {
  name: string;
  close: () => Promise<void>;
}

export interface ShutdownOptions {
  logger: Logger;
  deadlineMs: number;
  /** Run in order: listeners first, upstream clients last. */
  steps: ShutdownStep[];
  exit?: (code: number) => void;
}

export function installGracefulShutdown(options: ShutdownOptions): () => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let shuttingDown = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (shuttingDown) {
      options.logger.warn({ signal }, 'second signal: exiting now');
      exit(1);
      return;
    }
    shuttingDown = true;
    options.logger.info({ signal, deadlineMs: options.deadlineMs }, 'shutting down');
    const timer = setTimeout(() => {
      options.logger.error({ deadlineMs: options.deadlineMs }, 'shutdown deadline passed: exiting');
      exit(1);
    }, options.deadlineMs);
    timer.unref();
    for (const step of options.steps) {
      try {
        await step.close();
      } catch (err) {
        options.logger.warn({ err, step: step.name }, 'shutdown step failed');
      }
    }
    clearTimeout(timer);
    options.logger.info('shutdown complete');
    exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  return () => shutdown('manual');
}
