// Load shedding for the HTTP APIs: a request over the in-flight limit, or one that comes while
// @fastify/under-pressure reports the process under pressure (event-loop delay or utilization,
// heap, RSS), is answered at once with 503, Retry-After and {"description","code"}, before any
// work is done for it. Routes configured ALWAYS_SERVED (health, readiness, metrics) are never shed.
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { InFlightLimit } from '../load/in-flight-limit.js';
import type { LoadMetrics, ShedReason } from '../metrics/load-metrics.js';

import './always-served.js';
import { declaredBodyBytes } from './declared-body-bytes.js';

export interface LoadSheddingOptions {
  /** Requests of this process being worked on at once; 0: no limit. */
  maxInFlight: number;
  /** Bytes of request bodies (as declared) of those requests together; 0: no limit. */
  maxInFlightBodyBytes: number;
  /** The API's body limit: what a body without a Content-Length may grow to. */
  bodyLimitBytes: number;
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
  const bodies = new InFlightLimit(options.maxInFlightBodyBytes);
  const bodyBytesBody = body(
    `request bodies of more than ${options.maxInFlightBodyBytes} bytes in flight, the limit of this API process`,
  );
  if (options.maxInFlight > 0 || options.maxInFlightBodyBytes > 0) {
    // The raw response's 'close' comes exactly once for every request: after its last byte was
    // written, or when its client went away first. Fastify's onResponse needs the former and its
    // onRequestAbort only fires for a client that left before its body was read, so a POST whose
    // client left while it was worked on ran neither: each one kept its place for good, and after
    // maxInFlight of them the process refused every request with 503.
    const releaseSlot = () => limit.release();
    app.addHook('onRequest', (req, reply, done) => {
      if (req.routeOptions.config.shedding === false) return done();
      if (!limit.tryAcquire()) {
        options.metrics.shed('in_flight');
        refuse(reply, inFlightBody);
        return;
      }
      const bytes = declaredBodyBytes(req.raw, options.bodyLimitBytes);
      if (!bodies.tryAcquire(bytes)) {
        limit.release();
        options.metrics.shed('body_bytes');
        refuse(reply, bodyBytesBody);
        return;
      }
      const release = () => {
        limit.release();
        bodies.release(bytes);
      };
      reply.raw.on('close', bytes === 0 ? releaseSlot : release);
      done();
    });
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
