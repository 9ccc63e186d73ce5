// Fastify gives every request its own child logger (bound to the request id). A pino child costs a
// bindings string and a redaction setup — a few per cent of an API's CPU per request — and our
// requests log only when something goes wrong. This factory hands out a stand-in that behaves as the
// parent and creates the real child (with the request id) on the request's first log call.
import type { FastifyBaseLogger } from 'fastify';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

export function lazyChildLogger(
  logger: FastifyBaseLogger,
  bindings: Record<string, unknown>,
  options: object,
): FastifyBaseLogger {
  let child: FastifyBaseLogger | undefined;
  const real = () => {
    child ??= logger.child(bindings, options);
    return child;
  };
  const lazy = Object.create(logger) as FastifyBaseLogger;
  for (const level of LEVELS) {
    lazy[level] = ((...args: Parameters<FastifyBaseLogger['info']>) => real()[level](...args)) as never;
  }
  lazy.child = (more, moreOptions) => real().child(more, moreOptions);
  return lazy;
}
