// grpc-js server settings of the public port.
import type * as grpc from '@grpc/grpc-js';
import { connectionAgeOptions } from '../../../common/src/grpc/connection-age.js';
import type { GrpcConfig } from '../config.js';

// The server pings an idle connection once a minute and drops it if the ping is not answered in
// 20 s, so a vanished client's open streams are cancelled (and their bridge requests with them).
const KEEPALIVE_TIME_MS = 60_000;
const KEEPALIVE_TIMEOUT_MS = 20_000;

export function grpcServerOptions(
  config: Pick<GrpcConfig, 'maxMessageBytes' | 'maxConnectionAgeMs' | 'maxConnectionAgeGraceMs'>,
): grpc.ServerOptions {
  return {
    // Larger requests are refused with RESOURCE_EXHAUSTED before they are decoded.
    'grpc.max_receive_message_length': config.maxMessageBytes,
    'grpc.max_send_message_length': config.maxMessageBytes,
    'grpc.keepalive_time_ms': KEEPALIVE_TIME_MS,
    'grpc.keepalive_timeout_ms': KEEPALIVE_TIMEOUT_MS,
    // Client pings are never penalised: grpc-js servers send no GOAWAY too_many_pings, whatever
    // keepalive a client uses (grpc-java's 10 s minimum, or pings without calls), so there is no
    // ping policy to configure here. test/integration/grpc/operations.test.ts keeps it that way.
    // Connections are spread again: GOAWAY after GRPC_MAX_CONNECTION_AGE_MS (common/src/grpc/connection-age.ts).
    ...connectionAgeOptions({ maxAgeMs: config.maxConnectionAgeMs, graceMs: config.maxConnectionAgeGraceMs }),
  };
}
