// Tracing with the OpenTelemetry SDK: a tracer provider with the configured sampler, a batch span
// processor exporting over OTLP/HTTP (protobuf; the exporter reads its own OTEL_EXPORTER_OTLP_*
// variables), W3C trace context propagation, and AsyncLocalStorage as the active-span context.
// Only tracing.ts imports this file, and only when tracing is on; the packages are imported
// dynamically here (and kept out of the bundles) so that a process with tracing off loads none.
import { status as GrpcStatus } from '@grpc/grpc-js';
import type * as OtelApi from '@opentelemetry/api';
import type { Attributes, Context, Span, Tracer } from '@opentelemetry/api';
import type * as OtelSemconv from '@opentelemetry/semantic-conventions';
import { createLogger } from '../logging/logger.js';
import type { DriverStatement, TraceCarrier, TraceHeaders, Tracing } from './tracing.js';
import type { TracingConfig } from './tracing-config.js';

const SCOPE_NAME = 'stargate-ts-gateway';
const SHUTDOWN_BOUND_MS = 5_000;

// gRPC status codes a server span records as an error (OpenTelemetry's RPC conventions for gRPC);
// the others (NOT_FOUND, INVALID_ARGUMENT, …) are the caller's doing.
const SERVER_ERROR_CODES = new Set<number>([
  GrpcStatus.UNKNOWN,
  GrpcStatus.DEADLINE_EXCEEDED,
  GrpcStatus.UNIMPLEMENTED,
  GrpcStatus.INTERNAL,
  GrpcStatus.UNAVAILABLE,
  GrpcStatus.DATA_LOSS,
]);

/** Reads a carrier's `traceparent` / `tracestate`: a string only (a repeated HTTP header is an array: ignored). */
const carrierGetter: OtelApi.TextMapGetter<TraceCarrier> = {
  get: (carrier, key) => {
    const value = (carrier as Record<string, unknown>)[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  },
  keys: (carrier) => Object.keys(carrier),
};

export async function createOtelTracing(service: string, config: TracingConfig): Promise<Tracing> {
  const [api, core, asyncHooks, sdk, resources, semconv, exporterPackage] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/core'),
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/sdk-trace'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/semantic-conventions'),
    import('@opentelemetry/exporter-trace-otlp-proto'),
  ]);

  // The SDK's own trouble (an export that fails: collector down) as our log lines.
  const log = createLogger(service, 'warn').child({ component: 'opentelemetry' });
  api.diag.setLogger(
    {
      error: (message, ...args) => log.error({ args }, message),
      warn: (message, ...args) => log.warn({ args }, message),
      info: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
    },
    api.DiagLogLevel.WARN,
  );

  // OTEL_RESOURCE_ATTRIBUTES first; OTEL_SERVICE_NAME (or stargate-<service>) names the service.
  const fromEnvironment = resources.detectResources({ detectors: [resources.resourceAttributesEnvDetector] });
  const serviceName =
    config.serviceName ||
    (fromEnvironment.attributes[semconv.ATTR_SERVICE_NAME] as string | undefined) ||
    `stargate-${service}`;
  const resource = resources
    .defaultResource()
    .merge(fromEnvironment)
    .merge(resources.resourceFromAttributes({ [semconv.ATTR_SERVICE_NAME]: serviceName }));

  const ratio = new sdk.TraceIdRatioBasedSampler(config.tracesSamplerArg);
  const samplers = {
    always_on: () => new sdk.AlwaysOnSampler(),
    always_off: () => new sdk.AlwaysOffSampler(),
    traceidratio: () => ratio,
    parentbased_always_on: () => new sdk.ParentBasedSampler({ root: new sdk.AlwaysOnSampler() }),
    parentbased_always_off: () => new sdk.ParentBasedSampler({ root: new sdk.AlwaysOffSampler() }),
    parentbased_traceidratio: () => new sdk.ParentBasedSampler({ root: ratio }),
  };

  const provider = new sdk.TracerProvider({
    resource,
    sampler: samplers[config.tracesSampler](),
    spanProcessors: [
      new sdk.BatchSpanProcessor({
        exporter: new exporterPackage.OTLPTraceExporter(),
        scheduledDelayMillis: config.spanExportDelayMs,
      }),
    ],
  });
  const contextManager = new asyncHooks.AsyncLocalStorageContextManager();
  api.context.setGlobalContextManager(contextManager.enable());
  api.trace.setGlobalTracerProvider(provider);
  const propagator = new core.W3CTraceContextPropagator();
  api.propagation.setGlobalPropagator(propagator);

  return new OtelTracing(api, semconv, provider.getTracer(SCOPE_NAME), propagator, async () => {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      provider.shutdown().catch((err: unknown) => log.warn({ err }, 'exporting the last spans failed')),
      new Promise((resolve) => {
        timer = setTimeout(resolve, SHUTDOWN_BOUND_MS);
      }),
    ]);
    clearTimeout(timer);
    contextManager.disable();
  });
}

class OtelTracing implements Tracing {
  constructor(
    private readonly api: typeof OtelApi,
    private readonly semconv: typeof OtelSemconv,
    private readonly tracer: Tracer,
    private readonly propagator: OtelApi.TextMapPropagator,
    readonly shutdown: () => Promise<void>,
  ) {}

  startHttpSpan(method: string, route: string, headers: TraceCarrier): Span {
    const s = this.semconv;
    // The route template only: the path itself holds primary keys and document ids.
    return this.tracer.startSpan(
      route ? `${method} ${route}` : method,
      {
        kind: this.api.SpanKind.SERVER,
        attributes: {
          [s.ATTR_HTTP_REQUEST_METHOD]: method,
          [s.ATTR_HTTP_ROUTE]: route,
          [s.ATTR_URL_SCHEME]: 'http',
        },
      },
      this.callerContext(headers),
    );
  }

  endHttpSpan(span: Span, statusCode: number): void {
    span.setAttribute(this.semconv.ATTR_HTTP_RESPONSE_STATUS_CODE, statusCode);
    // A 4xx is the caller's doing (HTTP server span conventions).
    if (statusCode >= 500) this.fail(span, String(statusCode));
    span.end();
  }

  startRpcSpan(rpcMethod: string, carrier: TraceCarrier | undefined, attributes: Attributes = {}): Span {
    const s = this.semconv;
    return this.tracer.startSpan(
      rpcMethod,
      {
        kind: this.api.SpanKind.SERVER,
        attributes: {
          [s.ATTR_RPC_SYSTEM_NAME]: s.RPC_SYSTEM_NAME_VALUE_GRPC,
          [s.ATTR_RPC_METHOD]: rpcMethod,
          ...attributes,
        },
      },
      this.callerContext(carrier),
    );
  }

  endRpcSpan(span: Span, grpcCode: number): void {
    const name = GrpcStatus[grpcCode] ?? String(grpcCode);
    span.setAttribute(this.semconv.ATTR_RPC_STATUS_CODE, name);
    if (SERVER_ERROR_CODES.has(grpcCode)) this.fail(span, name);
    span.end();
  }

  startDriverSpan(statement: DriverStatement): Span {
    const s = this.semconv;
    const attributes: Attributes = {
      [s.ATTR_DB_SYSTEM_NAME]: 'cassandra',
      [s.ATTR_DB_OPERATION_NAME]: statement.operation,
    };
    if (statement.keyspace) attributes[s.ATTR_DB_NAMESPACE] = statement.keyspace;
    if (statement.table) attributes[s.ATTR_DB_COLLECTION_NAME] = statement.table;
    if (statement.batchSize !== undefined && statement.batchSize > 1) {
      attributes[s.ATTR_DB_OPERATION_BATCH_SIZE] = statement.batchSize;
    }
    // `{operation} {keyspace}.{table}`, the database span name of the conventions (no query text).
    const target = statement.table
      ? `${statement.keyspace ? `${statement.keyspace}.` : ''}${statement.table}`
      : statement.keyspace;
    return this.tracer.startSpan(target ? `${statement.operation} ${target}` : statement.operation, {
      kind: this.api.SpanKind.CLIENT,
      attributes,
    });
  }

  endDriverSpan(span: Span, error?: unknown): void {
    // The error's class only: driver messages may quote values.
    if (error !== undefined) this.fail(span, (error as Error)?.constructor?.name || 'Error');
    span.end();
  }

  withSpan<T>(span: Span, fn: () => T): T {
    const { context, trace } = this.api;
    return context.with(trace.setSpan(context.active(), span), fn);
  }

  traceHeaders(): TraceHeaders | undefined {
    const carrier: Record<string, string> = {};
    this.propagator.inject(this.api.context.active(), carrier, this.api.defaultTextMapSetter);
    return carrier.traceparent ? (carrier as unknown as TraceHeaders) : undefined;
  }

  logFields(): Record<string, string> {
    const span = this.api.trace.getSpan(this.api.context.active());
    if (!span) return {};
    const { traceId, spanId, traceFlags } = span.spanContext();
    return { trace_id: traceId, span_id: spanId, trace_flags: traceFlags.toString(16).padStart(2, '0') };
  }

  /** A request's own trace context, never the active one: the caller's, or a new trace. */
  private callerContext(carrier: TraceCarrier | undefined): Context {
    const root = this.api.ROOT_CONTEXT;
    return carrier ? this.propagator.extract(root, carrier, carrierGetter) : root;
  }

  private fail(span: Span, errorType: string): void {
    span.setAttribute(this.semconv.ATTR_ERROR_TYPE, errorType);
    span.setStatus({ code: this.api.SpanStatusCode.ERROR });
  }
}
