// Load shedding for the HTTP APIs: a request over the in-flight limit, or one that comes while
// @fastify/under-pressure reports the process under pressure (event-loop delay or utilization,
// heap, RSS), is answered at once with 503, Retry-After and {"description","code"}, before any
// work is done for it. Routes configured ALWAYS_SERVED (health, readiness, metrics) are never shed.
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InFlightLimit } from '../load/in-flight-limit.js';
import type { LoadMetrics, ShedReason } from '../metrics/load-metrics.js';

import './always-served.js';

declare module 'fastify' {
  interface FastifyRequest {
    inFlightCounted: boolean;
  }
}

export interface LoadSheddingOptions {
  /** Requests of this process being worked on at once; 0: no limit. */
  maxInFlight: number;
  retryAfterSeconds: number;
  /** under-pressure thresholds; 0 turns a check off. */
  maxEventLoopDelayMs: number;
  maxEventLoopUtilization: number;
  maxHeapUsedBytes: number;
  maxRssBytes: number;
  metrics: LoadMetrics;
}

const reasonOfPressure: Record<string, ShedReason> = {
  eventLoopDelay: 'event_loop_delay',
  eventLoopUtilization: 'event_loop_utilization',
  heapUsedBytes: 'heap_used',
  rssBytes: 'rss',
};

export async function installLoadShedding(
  app: FastifyInstance,
  options: LoadSheddingOptions,
): Promise<InFlightLimit> {
  const retryAfter = String(options.retryAfterSeconds);
  // Built once: under overload the refusal itself must cost next to nothing.
  const body = (why: string) =>
    JSON.stringify({ description: `Server is overloaded (${why}); retry later`, code: 503 });
  const inFlightBody = body(`${options.maxInFlight} requests in flight, the limit of this API process`);
  const refuse = (reply: FastifyReply, payload: string) =>
    reply.code(503).header('retry-after', retryAfter).type('application/json; charset=utf-8').send(payload);

  const limit = new InFlightLimit(options.maxInFlight);
  if (options.maxInFlight > 0) {
    app.decorateRequest('inFlightCounted', false);
    app.addHook('onRequest', (req, reply, done) => {
      if (req.routeOptions.config.shedding === false) return done();
      if (!limit.tryAcquire()) {
        options.metrics.shed('in_flight');
        refuse(reply, inFlightBody);
        return;
      }
      req.inFlightCounted = true;
      done();
    });
    // onResponse does not run for a request whose client went away; onRequestAbort does.
    const release = (req: FastifyRequest, _reply: unknown, done: () => void) => {
      if (req.inFlightCounted) {
        req.inFlightCounted = false;
        limit.release();
      }
      done();
    };
    app.addHook('onResponse', release);
    app.addHook('onRequestAbort', (req, done) => release(req, undefined, done));
  }

  const pressureBodies = new Map(
    Object.keys(reasonOfPressure).map((type) => [type, body(`${type} above its limit`)]),
  );
  await app.register(underPressure, {
    maxEventLoopDelay: options.maxEventLoopDelayMs,
    maxEventLoopUtilization: options.maxEventLoopUtilization,
    maxHeapUsedBytes: options.maxHeapUsedBytes,
    maxRssBytes: options.maxRssBytes,
    retryAfter: options.retryAfterSeconds,
    // Returning nothing lets the request through (routes that are always served); any other value
    // is sent as the reply (README "pressureHandler"; its type says void, hence the cast).
    pressureHandler: (req, reply, type) => {
      if (req.routeOptions.config.shedding === false) return;
      options.metrics.shed(reasonOfPressure[type] ?? 'event_loop_delay');
      reply.code(503).header('retry-after', retryAfter).type('application/json; charset=utf-8');
      return (pressureBodies.get(type) ?? body('under pressure')) as unknown as undefined;
    },
  });
  return limit;
}
