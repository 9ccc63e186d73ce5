// The process's tracing, if it is on. Off by default (OTEL_TRACES_EXPORTER=none): then nothing of
// OpenTelemetry is loaded (the SDK comes in by a dynamic import only when tracing starts, and the
// packages stay out of the bundles, tools/build) and the hot paths pay one `activeTracing()` check.
// Code that traces asks `activeTracing()` and does nothing when it is undefined; everything that
// knows OpenTelemetry lives behind the Tracing interface (otel-tracing.ts).
//
// What is traced: each API request (HTTP route or gRPC method) as a SERVER span, child of the
// caller's W3C `traceparent`; each bridge request as a SERVER span in the bridge, child of the API's
// span (the trace context travels per request in MultiplexedRequest.traceparent, bridge.proto); each
// statement the bridge runs through cassandra-driver as a CLIENT span. Attributes name the route or
// method, the statement kind, keyspace and table, and the status: never a value, a path (it holds
// primary keys) or CQL text.

import type { Metadata } from '@grpc/grpc-js';
import type { Attributes, Span } from '@opentelemetry/api';
import { type TracingConfig, tracingEnabled } from './tracing-config.js';

export type { Span as TraceSpan } from '@opentelemetry/api';

/** The W3C headers of a trace context, as sent to the next hop. */
export interface TraceHeaders {
  traceparent: string;
  tracestate?: string;
}

/**
 * Where an incoming trace context is read from: an object with `traceparent` and `tracestate` string
 * properties (HTTP headers, a MultiplexedRequest, metadataCarrier's result).
 */
export type TraceCarrier = object;

/** One statement (or batch) sent to Cassandra, as it is described on its span: no values, no CQL. */
export interface DriverStatement {
  /** SELECT, INSERT, UPDATE, DELETE, BATCH, … (the statement kind). */
  operation: string;
  keyspace?: string;
  table?: string;
  /** Statements in a batch. */
  batchSize?: number;
}

export interface Tracing {
  /** SERVER span of an HTTP request, named by its route template (`GET /v2/keyspaces/:keyspaceName/:tableName/*`). */
  startHttpSpan(method: string, route: string, headers: TraceCarrier): Span;
  endHttpSpan(span: Span, statusCode: number): void;
  /** SERVER span of an RPC (`stargate.Stargate/ExecuteQuery`), child of the carrier's trace context if any. */
  startRpcSpan(rpcMethod: string, carrier: TraceCarrier | undefined, attributes?: Attributes): Span;
  /** Ends an RPC span with its gRPC status code. */
  endRpcSpan(span: Span, grpcCode: number): void;
  /** CLIENT span of a statement sent through cassandra-driver, child of the active span. */
  startDriverSpan(statement: DriverStatement): Span;
  /** Ends a driver span; `error` (the driver's) sets its status and `error.type` (the error's class, never its message). */
  endDriverSpan(span: Span, error?: unknown): void;
  /** Runs fn with span active: spans started and bridge requests sent inside (also after awaits) are its children. */
  withSpan<T>(span: Span, fn: () => T): T;
  /** The active span's trace context for the next hop; undefined when no span is active. */
  traceHeaders(): TraceHeaders | undefined;
  /** trace_id and span_id of the active span, for log lines (empty outside a span). */
  logFields(): Record<string, string>;
  /** Exports what is left (bounded) and stops. */
  shutdown(): Promise<void>;
}

let active: Tracing | undefined;

/** The running tracing, or undefined when tracing is off. */
export function activeTracing(): Tracing | undefined {
  return active;
}

/**
 * Starts tracing when the settings say so (main.ts, before the logger is created so that log lines
 * carry the trace id). `service` is the short name (bridge, rest, …).
 */
export async function startTracing(service: string, config: TracingConfig): Promise<Tracing | undefined> {
  if (!tracingEnabled(config)) return undefined;
  const { createOtelTracing } = await import('./otel-tracing.js');
  active = await createOtelTracing(service, config);
  return active;
}

/** The shutdown step of main.ts: spans of the last requests are exported before the process exits. */
export async function stopTracing(): Promise<void> {
  const tracing = active;
  active = undefined;
  await tracing?.shutdown();
}

/** The trace context of a gRPC call's metadata, as a carrier. */
export function metadataCarrier(metadata: Metadata): TraceCarrier | undefined {
  const traceparent = metadata.get('traceparent')[0];
  if (typeof traceparent !== 'string') return undefined;
  const tracestate = metadata.get('tracestate')[0];
  return { traceparent, tracestate: typeof tracestate === 'string' ? tracestate : undefined };
}
