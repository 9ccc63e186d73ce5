// The bridge's HTTP listener: health (ready = Cassandra answers) and metrics.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { buildHttpApp } from '../../../common/src/http/build-http-app.js';
import type { CassandraSession } from '../cassandra/cassandra-session.js';

export function buildBridgeHttpApp(deps: {
  logger: Logger;
  registry: Registry;
  session: CassandraSession;
}): FastifyInstance {
  return buildHttpApp({
    logger: deps.logger,
    registry: deps.registry,
    readiness: () => deps.session.isReady(),
  });
}
