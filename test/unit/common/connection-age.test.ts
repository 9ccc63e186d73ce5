// The maximum connection age of the bridge's and the gRPC API's servers, and how long a bridge's
// multiplexed stream may take requests so that it never outlives the connection it is on.
import { describe, expect, it } from 'vitest';
import { multiplexedStreamMaxAgeMs } from '../../../services/bridge/src/rpc/multiplexed-stream.js';
import { loadConfig } from '../../../services/common/src/config/load-config.js';
import { connectionAgeOptions } from '../../../services/common/src/grpc/connection-age.js';
import { grpcServerOptions } from '../../../services/grpc/src/server/server-options.js';

describe('connectionAgeOptions', () => {
  it('sets grpc-js max connection age and grace', () => {
    expect(connectionAgeOptions({ maxAgeMs: 300_000, graceMs: 30_000 })).toEqual({
      'grpc.max_connection_age_ms': 300_000,
      'grpc.max_connection_age_grace_ms': 30_000,
    });
  });

  it('sets nothing for 0, so connections live for ever', () => {
    expect(connectionAgeOptions({ maxAgeMs: 0, graceMs: 30_000 })).toEqual({});
  });

  it('is on by default on the bridge (5 min, 30 s grace) and on the gRPC API', () => {
    const bridge = loadConfig<{ maxConnectionAgeMs: number; maxConnectionAgeGraceMs: number }>(
      ['common', 'bridge'],
      {},
    );
    expect([bridge.maxConnectionAgeMs, bridge.maxConnectionAgeGraceMs]).toEqual([300_000, 30_000]);
    const grpc = loadConfig<{
      maxMessageBytes: number;
      maxConnectionAgeMs: number;
      maxConnectionAgeGraceMs: number;
    }>(['common', 'api-common', 'grpc'], {
      GRPC_MAX_CONNECTION_AGE_MS: '60000',
      GRPC_MAX_CONNECTION_AGE_GRACE_MS: '5000',
    });
    expect(grpcServerOptions(grpc)).toMatchObject({
      'grpc.max_connection_age_ms': 60_000,
      'grpc.max_connection_age_grace_ms': 5_000,
    });
  });
});

describe('multiplexedStreamMaxAgeMs', () => {
  it('ends a stream within half the grace, so one opened just before its GOAWAY still ends in time', () => {
    expect(multiplexedStreamMaxAgeMs({ maxAgeMs: 300_000, graceMs: 30_000 })).toBe(15_000);
  });

  it('never later than the connection age itself', () => {
    expect(multiplexedStreamMaxAgeMs({ maxAgeMs: 2_000, graceMs: 30_000 })).toBe(2_000);
  });

  it('is off when connections live for ever', () => {
    expect(multiplexedStreamMaxAgeMs({ maxAgeMs: 0, graceMs: 30_000 })).toBe(0);
  });
});
