// The tracing settings every service reads (schemas/config/common.json, the standard OTEL_* names).
export interface TracingConfig {
  /** OTEL_TRACES_EXPORTER: `none` (default) loads no tracing code; `otlp` exports over OTLP/HTTP. */
  tracesExporter: 'none' | 'otlp';
  /** OTEL_SDK_DISABLED: true wins over OTEL_TRACES_EXPORTER. */
  sdkDisabled: boolean;
  /** OTEL_SERVICE_NAME; empty: stargate-<service>. */
  serviceName: string;
  /** OTEL_EXPORTER_OTLP_ENDPOINT: validated here, read by the exporter itself (with its other OTEL_EXPORTER_OTLP_* variables). */
  otlpEndpoint: string;
  otlpProtocol: 'http/protobuf';
  tracesSampler:
    | 'always_on'
    | 'always_off'
    | 'traceidratio'
    | 'parentbased_always_on'
    | 'parentbased_always_off'
    | 'parentbased_traceidratio';
  tracesSamplerArg: number;
  /** OTEL_BSP_SCHEDULE_DELAY. */
  spanExportDelayMs: number;
}

export function tracingEnabled(config: TracingConfig): boolean {
  return config.tracesExporter === 'otlp' && !config.sdkDisabled;
}
