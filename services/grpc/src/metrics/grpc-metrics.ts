// Latency per RPC and status (a streaming call is observed once per message, with that message's
// status), and the number of open streaming calls.
import type { status as GrpcStatus } from '@grpc/grpc-js';
import { Gauge, Histogram, type Registry } from 'prom-client';
import { grpcStatusName } from '../../../common/src/grpc/to-grpc-status.js';
import { histogramSeries } from '../../../common/src/metrics/histogram-series.js';

export interface GrpcMetrics {
  observe(method: string, code: GrpcStatus, startedAt: bigint): void;
  streamOpened(method: string): void;
  streamClosed(method: string): void;
}

export function createGrpcMetrics(registry: Registry): GrpcMetrics {
  const duration = new Histogram({
    name: 'grpc_server_request_duration_seconds',
    help: 'stargate.Stargate latency by method and gRPC status (per message on streaming calls)',
    labelNames: ['method', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  const openStreams = new Gauge({
    name: 'grpc_server_open_streams',
    help: 'Streaming calls of stargate.Stargate currently open',
    labelNames: ['method'] as const,
    registers: [registry],
  });
  const series = histogramSeries(duration);
  return {
    observe(method, code, startedAt) {
      series(`${method} ${code}`, () => ({ method, status: grpcStatusName(code) })).observe(
        Number(process.hrtime.bigint() - startedAt) / 1e9,
      );
    },
    streamOpened: (method) => openStreams.inc({ method }),
    streamClosed: (method) => openStreams.dec({ method }),
  };
}
