// QueryParameters / BatchParameters → cassandra-driver execution options, with Stargate's defaults
// (LOCAL_QUORUM, SERIAL, page size 100).
import type cassandra from 'cassandra-driver';
import type { BatchParameters__Output } from '../../../common/src/proto/generated/stargate/BatchParameters.js';
import type { QueryParameters__Output } from '../../../common/src/proto/generated/stargate/QueryParameters.js';
import { Long } from '../codecs/driver-types.js';
import { BridgeError } from '../errors/bridge-error.js';

// Consistency enums of the proto and of the driver both use the CQL protocol's codes.
const LOCAL_QUORUM = 6;
const SERIAL = 8;
const ONE = 1;

type CommonParameters = Pick<
  QueryParameters__Output,
  'consistency' | 'serialConsistency' | 'timestamp' | 'tracing' | 'nowInSeconds' | 'tracingConsistency'
>;

export interface ExecutionDefaults {
  requestTimeoutMs: number;
}

export function commonOptions(
  params: CommonParameters | BatchParameters__Output | null | undefined,
  timeoutMs: number,
): cassandra.QueryOptions {
  if (params?.nowInSeconds) {
    throw BridgeError.invalid(
      'now_in_seconds is not supported: it needs CQL protocol v5, which the bridge does not speak to Cassandra',
    );
  }
  const options: cassandra.QueryOptions = {
    consistency: consistencyOf(params?.consistency?.value, LOCAL_QUORUM),
    serialConsistency: consistencyOf(params?.serialConsistency?.value, SERIAL),
    traceQuery: params?.tracing === true,
    readTimeout: timeoutMs,
  };
  if (params?.timestamp?.value !== undefined) options.timestamp = Long.fromString(params.timestamp.value);
  return options;
}

export function tracingConsistency(params: CommonParameters | null | undefined): number {
  return consistencyOf(params?.tracingConsistency?.value, ONE);
}

function consistencyOf(value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  const n = typeof value === 'number' ? value : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || n > 10)
    throw BridgeError.invalid(`Unknown consistency level: ${String(value)}`);
  return n;
}
