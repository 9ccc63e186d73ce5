// Tracing is off unless OTEL_TRACES_EXPORTER=otlp (and OTEL_SDK_DISABLED is not true); the OTEL_*
// settings the services read are checked at start like every other setting.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../services/common/src/config/load-config.js';
import { activeTracing, startTracing } from '../../../../services/common/src/tracing/tracing.js';
import {
  type TracingConfig,
  tracingEnabled,
} from '../../../../services/common/src/tracing/tracing-config.js';

const config = (env: Record<string, string>) => loadConfig<TracingConfig>(['common'], env);

describe('the tracing switch', () => {
  it('is off by default, and OTEL_SDK_DISABLED=true wins over OTEL_TRACES_EXPORTER=otlp', () => {
    expect(config({})).toMatchObject({
      tracesExporter: 'none',
      tracesSampler: 'parentbased_always_on',
      otlpEndpoint: 'http://localhost:4318',
    });
    expect(tracingEnabled(config({}))).toBe(false);
    expect(tracingEnabled(config({ OTEL_TRACES_EXPORTER: 'otlp' }))).toBe(true);
    expect(tracingEnabled(config({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' }))).toBe(false);
  });

  it('refuses what it does not ship, naming the variable', () => {
    expect(() => config({ OTEL_TRACES_EXPORTER: 'jaeger' })).toThrow(
      'OTEL_TRACES_EXPORTER="jaeger" is not allowed; expected one of none, otlp',
    );
    expect(() => config({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(
      /OTEL_EXPORTER_OTLP_PROTOCOL="grpc"/,
    );
    expect(() => config({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
    expect(() => config({ OTEL_TRACES_SAMPLER_ARG: '1.5' })).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
  });

  it('off: starts nothing (the compiled bundles import no OpenTelemetry module statically: build test)', async () => {
    expect(await startTracing('rest', config({}))).toBeUndefined();
    expect(activeTracing()).toBeUndefined();
  });
});
