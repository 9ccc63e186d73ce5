// Structured JSON logs (pino, the logger Fastify uses), one base field naming the service.
import { type Logger, pino } from 'pino';

export type { Logger } from 'pino';

export function createLogger(service: string, level: string): Logger {
  return pino({
    level,
    base: { service },
    // Credentials and tokens must never reach a log line.
    redact: {
      paths: ['password', '*.password', 'req.headers["x-cassandra-token"]', 'req.headers.authorization'],
      censor: '<redacted>',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
