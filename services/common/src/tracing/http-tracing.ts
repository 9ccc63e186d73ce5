// Traces the requests of an HTTP API (rest, docs, graphql): a SERVER span per request, child of the
// caller's `traceparent` header, named by the route template; the request's work (authentication,
// handler, bridge calls) runs with the span active. Installed only when tracing is on. Public routes
// (health, metrics, OpenAPI documents, playground) and unknown paths are not traced: probes would
// drown the requests.

import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { CLIENT_CLOSED_REQUEST } from '../http/client-closed.js';
import type { TraceSpan, Tracing } from './tracing.js';

const SPAN = Symbol('traceSpan');

interface TracedRequest extends FastifyRequest {
  [SPAN]?: TraceSpan;
}

export function installHttpTracing(app: FastifyInstance, tracing: Tracing): void {
  const end = (req: TracedRequest, statusCode: number) => {
    const span = req[SPAN];
    if (!span) return;
    req[SPAN] = undefined;
    tracing.endHttpSpan(span, statusCode);
  };
  // First of the onRequest hooks (installed before authentication): the token check's bridge
  // request is part of the span.
  app.addHook('onRequest', (req: TracedRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (req.is404 || req.routeOptions.config.public === true) return done();
    const span = tracing.startHttpSpan(req.method, req.routeOptions.url ?? '', req.headers);
    req[SPAN] = span;
    // 'close' comes once per response: after its last byte, or when the client went away first
    // (499, as proxies record it). onRequestAbort would miss a client that left after its body.
    reply.raw.on('close', () =>
      end(req, reply.raw.writableFinished ? reply.statusCode : CLIENT_CLOSED_REQUEST),
    );
    // The hooks that follow run inside `done` (or continue from promises created inside it).
    tracing.withSpan(span, done);
  });
  // A request body is read in the socket's context, not the span's: the handler gets it back here.
  app.addHook('preHandler', (req: TracedRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const span = req[SPAN];
    if (!span) return done();
    tracing.withSpan(span, done);
  });
}
