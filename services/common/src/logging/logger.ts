// Structured JSON logs (pino, the logger Fastify uses), one base field naming the service. With
// tracing on, every line written inside a span also carries its trace_id and span_id.
import { type Logger, pino } from 'pino';
import { activeTracing } from '../tracing/tracing.js';

export type { Logger } from 'pino';

export function createLogger(service: string, level: string): Logger {
  const tracing = activeTracing();
  return pino({
    level,
    base: { service },
    // Credentials and tokens must never reach a log line.
    redact: {
      paths: ['password', '*.password', 'req.headers["x-cassandra-token"]', 'req.headers.authorization'],
      censor: '<redacted>',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Only when tracing is on (started before the logger is created, in main.ts).
    ...(tracing ? { mixin: () => tracing.logFields() } : {}),
  });
}
