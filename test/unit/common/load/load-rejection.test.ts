// The wire contract of a refusal for load, as each layer reads it: the bridge's status details, the
// HTTP status and Retry-After an API answers with, and the grpc-status-details-bin trailer a gRPC
// client gets.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { BridgeCallError } from '../../../../services/common/src/bridge/bridge-call-error.js';
import { fromServiceError } from '../../../../services/common/src/bridge/bridge-client.js';
import { ApiError } from '../../../../services/common/src/errors/api-error.js';
import { fromBridgeError } from '../../../../services/common/src/errors/from-bridge-status.js';
import {
  LOAD_ERROR_DOMAIN,
  loadRejectionDetails,
  readLoadRejection,
  readRetryDelayMs,
  retryAfterSeconds,
  retryInfoDetail,
} from '../../../../services/common/src/errors/load-rejection.js';
import {
  decodeErrorInfo,
  decodeStatusDetails,
  STATUS_DETAILS_KEY,
  toServiceError,
  toStreamStatus,
} from '../../../../services/common/src/grpc/to-grpc-status.js';

const asMap = (details: { typeName: string; bytes: Buffer }[]) =>
  new Map(details.map((d) => [d.typeName.toLowerCase(), d.bytes]));

describe('load rejection details', () => {
  it('carry the reason, our domain and the retry delay, and read back', () => {
    const details = loadRejectionDetails({ reason: 'RATE_LIMITED', retryAfterMs: 2500 }, 'bridge');
    expect(details.map((d) => d.typeName)).toEqual(['google.rpc.ErrorInfo', 'google.rpc.RetryInfo']);
    expect(decodeErrorInfo(details[0]!.bytes)).toEqual({ reason: 'RATE_LIMITED', domain: LOAD_ERROR_DOMAIN });
    expect(readLoadRejection(asMap(details))).toEqual({ reason: 'RATE_LIMITED', retryAfterMs: 2500 });
  });

  it('are not read from an ErrorInfo of another domain', () => {
    const other = new Map([['google.rpc.errorinfo', stargateStreamErrorInfo()]]);
    expect(readLoadRejection(other)).toBeUndefined();
  });

  it('Retry-After is whole seconds, at least 1', () => {
    expect([0, 1, 999, 1000, 1001].map(retryAfterSeconds)).toEqual([1, 1, 1, 1, 2]);
  });
});

describe('a bridge RESOURCE_EXHAUSTED at an HTTP API', () => {
  it('RATE_LIMITED: 429 with Retry-After', () => {
    const details = asMap(loadRejectionDetails({ reason: 'RATE_LIMITED', retryAfterMs: 3000 }, 'bridge'));
    const mapped = fromBridgeError(
      new BridgeCallError(GrpcStatus.RESOURCE_EXHAUSTED, 'role limit', details),
    ) as ApiError;
    expect([mapped.httpStatus, mapped.headers, mapped.message]).toEqual([
      429,
      { 'retry-after': '3' },
      'role limit',
    ]);
  });

  it('OVERLOADED, or no detail at all (Cassandra overloaded): 503 with Retry-After', () => {
    const details = asMap(loadRejectionDetails({ reason: 'OVERLOADED', retryAfterMs: 2000 }, 'bridge'));
    const a = fromBridgeError(
      new BridgeCallError(GrpcStatus.RESOURCE_EXHAUSTED, 'busy', details),
    ) as ApiError;
    expect([a.httpStatus, a.headers]).toEqual([503, { 'retry-after': '2' }]);
    const b = fromBridgeError(new BridgeCallError(GrpcStatus.RESOURCE_EXHAUSTED, 'overloaded')) as ApiError;
    expect([b.httpStatus, b.headers]).toEqual([503, { 'retry-after': '1' }]);
  });
});

describe('an UNAVAILABLE from the bridge at an HTTP API', () => {
  it('is a 503 with Retry-After when it carries a RetryInfo, without one otherwise', () => {
    const retry = fromBridgeError(
      new BridgeCallError(GrpcStatus.UNAVAILABLE, 'vector index busy', asMap([retryInfoDetail(1500)])),
    ) as ApiError;
    expect([retry.httpStatus, retry.headers, retry.message]).toEqual([
      503,
      { 'retry-after': '2' },
      'vector index busy',
    ]);
    expect(readRetryDelayMs(asMap([retryInfoDetail(1500)]))).toBe(1500);
    const plain = fromBridgeError(new BridgeCallError(GrpcStatus.UNAVAILABLE, 'node down')) as ApiError;
    expect([plain.httpStatus, plain.headers]).toEqual([503, undefined]);
  });
});

describe('a load rejection at a gRPC client', () => {
  const err = ApiError.loadRejected({ reason: 'OVERLOADED', retryAfterMs: 1500 }, '4 requests in flight');

  it('unary: RESOURCE_EXHAUSTED, details in grpc-status-details-bin; an API reads them back', () => {
    const service = toServiceError(err);
    expect(service.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect(service.details).toBe('Server is overloaded (4 requests in flight); retry later');
    const trailer = service.metadata.get(STATUS_DETAILS_KEY)[0] as Buffer;
    expect(readLoadRejection(decodeStatusDetails(trailer))).toEqual({
      reason: 'OVERLOADED',
      retryAfterMs: 1500,
    });
    const back = fromServiceError(
      Object.assign(new Error(service.details), {
        code: service.code,
        details: service.details,
        metadata: service.metadata,
      }),
    );
    expect(readLoadRejection(back.details)).toEqual({ reason: 'OVERLOADED', retryAfterMs: 1500 });
  });

  it('streamed: the message status carries Stargate ErrorInfo first, then ours and the RetryInfo', () => {
    const status = toStreamStatus(err);
    expect(status.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect(status.details?.map((d) => (d as { type_url: string }).type_url)).toEqual([
      'type.googleapis.com/google.rpc.ErrorInfo',
      'type.googleapis.com/google.rpc.ErrorInfo',
      'type.googleapis.com/google.rpc.RetryInfo',
    ]);
  });
});

/** An ErrorInfo as Stargate sends one in streams: reason = message, no domain. */
function stargateStreamErrorInfo(): Buffer {
  const status = toStreamStatus(new BridgeCallError(GrpcStatus.RESOURCE_EXHAUSTED, 'x'));
  return Buffer.from((status.details![0] as { value: Uint8Array }).value);
}
