// services/common/src/grpc/to-grpc-status.ts: what a gRPC client sees for each kind of failure.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { BridgeCallError } from '../../../services/common/src/bridge/bridge-call-error.js';
import { ApiError } from '../../../services/common/src/errors/api-error.js';
import {
  decodeErrorInfo,
  toServiceError,
  toStreamStatus,
} from '../../../services/common/src/grpc/to-grpc-status.js';
import { decodeMessage, encodeMessage } from '../../../services/common/src/proto/proto-root.js';

const unavailable = encodeMessage('stargate.Unavailable', { consistency: 6, required: 2, alive: 1 });
const bridgeError = () =>
  new BridgeCallError(
    GrpcStatus.UNAVAILABLE,
    'Cannot achieve consistency level LOCAL_QUORUM',
    new Map([['stargate.unavailable', unavailable]]),
  );

describe('toServiceError', () => {
  it('passes a bridge status, message and detail trailers through unchanged', () => {
    const e = toServiceError(bridgeError());
    expect(e.code).toBe(GrpcStatus.UNAVAILABLE);
    expect(e.details).toBe('Cannot achieve consistency level LOCAL_QUORUM');
    const trailer = e.metadata.get('stargate.unavailable-bin')[0] as Buffer;
    expect(decodeMessage('stargate.Unavailable', trailer)).toEqual({ consistency: 6, required: 2, alive: 1 });
  });

  it('maps catalogue errors to their gRPC status and message', () => {
    const e = toServiceError(new ApiError('GRPC_TOKEN_MISSING'));
    expect(e).toMatchObject({ code: GrpcStatus.UNAUTHENTICATED, details: 'No token provided' });
    expect(Object.keys(e.metadata.getMap())).toEqual([]);
  });

  it('hides unexpected errors behind INTERNAL', () => {
    const e = toServiceError(new TypeError('x is undefined'));
    expect(e).toMatchObject({ code: GrpcStatus.INTERNAL, details: 'Internal server error' });
  });
});

describe('toStreamStatus', () => {
  it("uses Stargate's streaming format: '<CODE>: <cause>', ErrorInfo first, then the details as Any", () => {
    const s = toStreamStatus(bridgeError());
    expect(s.code).toBe(GrpcStatus.UNAVAILABLE);
    expect(s.message).toBe('UNAVAILABLE: Cannot achieve consistency level LOCAL_QUORUM');
    expect(s.details?.map((d) => ('type_url' in d ? d.type_url : ''))).toEqual([
      'type.googleapis.com/google.rpc.ErrorInfo',
      'type.googleapis.com/stargate.Unavailable',
    ]);
    const [info, detail] = s.details as { value: Buffer }[];
    expect(decodeErrorInfo(info!.value).reason).toBe('Cannot achieve consistency level LOCAL_QUORUM');
    expect(detail!.value).toEqual(unavailable);
  });

  it('gives catalogue errors their code name', () => {
    const s = toStreamStatus(
      new ApiError('GRPC_MESSAGE_INVALID', { type: 'Query', detail: 'bad wire type' }),
    );
    expect(s.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(s.message).toBe(
      'INVALID_ARGUMENT: Invalid Query message: it is not a valid protobuf encoding (bad wire type)',
    );
  });
});
