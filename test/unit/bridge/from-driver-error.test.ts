// Cassandra's error classes keep their meaning as gRPC statuses with Stargate's detail messages.
import { status } from '@grpc/grpc-js';
import cassandra from 'cassandra-driver';
import { describe, expect, it } from 'vitest';
import { fromDriverError } from '../../../services/bridge/src/errors/from-driver-error.js';
import { decodeMessage } from '../../../services/common/src/proto/proto-root.js';

const codes = cassandra.types.responseErrorCodes;

function responseError(code: number, fields: Record<string, unknown>): Error {
  return Object.assign(new cassandra.errors.ResponseError(code, 'from Cassandra'), fields);
}

describe('fromDriverError', () => {
  it('maps read and write timeouts to DEADLINE_EXCEEDED with their replica counts', () => {
    const read = fromDriverError(
      responseError(codes.readTimeout, { consistencies: 6, received: 1, blockFor: 2, isDataPresent: true }),
    );
    expect(read.code).toBe(status.DEADLINE_EXCEEDED);
    expect(read.details[0]!.typeName).toBe('stargate.ReadTimeout');
    expect(decodeMessage('stargate.ReadTimeout', read.details[0]!.bytes)).toEqual({
      consistency: 6,
      received: 1,
      blockFor: 2,
      dataPresent: true,
    });
    const write = fromDriverError(
      responseError(codes.writeTimeout, { consistencies: 4, received: 0, blockFor: 2, writeType: 'SIMPLE' }),
    );
    expect(decodeMessage('stargate.WriteTimeout', write.details[0]!.bytes)).toEqual({
      consistency: 4,
      received: 0,
      blockFor: 2,
      writeType: 'SIMPLE',
    });
  });

  it('maps failures to ABORTED, unavailable to UNAVAILABLE, and the rest by class', () => {
    const failure = fromDriverError(
      responseError(codes.writeFailure, {
        consistencies: 6,
        received: 1,
        blockFor: 2,
        failures: 1,
        writeType: 'BATCH',
      }),
    );
    expect(failure.code).toBe(status.ABORTED);
    expect(decodeMessage('stargate.WriteFailure', failure.details[0]!.bytes)).toMatchObject({
      numFailures: 1,
      writeType: 'BATCH',
    });
    const unavailable = fromDriverError(
      responseError(codes.unavailableException, { consistencies: 6, required: 2, alive: 1 }),
    );
    expect(unavailable.code).toBe(status.UNAVAILABLE);
    expect(decodeMessage('stargate.Unavailable', unavailable.details[0]!.bytes)).toEqual({
      consistency: 6,
      required: 2,
      alive: 1,
    });
    expect(fromDriverError(responseError(codes.overloaded, {})).code).toBe(status.RESOURCE_EXHAUSTED);
    expect(fromDriverError(responseError(codes.unauthorized, {})).code).toBe(status.PERMISSION_DENIED);
    expect(fromDriverError(responseError(codes.configError, {})).code).toBe(status.FAILED_PRECONDITION);
    expect(fromDriverError(responseError(codes.serverError, {})).code).toBe(status.INTERNAL);
  });

  it('treats Cassandra failing to read its own auth data as an outage, not a missing grant', () => {
    const outage = fromDriverError(
      new cassandra.errors.ResponseError(
        codes.unauthorized,
        'Unable to perform authorization of super-user permission: Cannot achieve consistency level LOCAL_QUORUM',
      ),
    );
    expect(outage.code).toBe(status.UNAVAILABLE);
    expect(outage.message).toContain('Cassandra could not read its auth data');
    const denied = fromDriverError(
      new cassandra.errors.ResponseError(
        codes.unauthorized,
        'User bob has no MODIFY permission on <table ks.t>',
      ),
    );
    expect(denied.code).toBe(status.PERMISSION_DENIED);
  });

  it('keeps the Cassandra error when every host tried answered one (driver retried Unavailable)', () => {
    const unavailable = responseError(codes.unavailableException, {
      consistencies: 6,
      required: 2,
      alive: 1,
    });
    const err = fromDriverError(
      new cassandra.errors.NoHostAvailableError({
        '127.0.0.1:9042': unavailable,
        '127.0.0.2:9042': unavailable,
      }),
    );
    expect(err.code).toBe(status.UNAVAILABLE);
    expect(err.details[0]!.typeName).toBe('stargate.Unavailable');
    const mixed = fromDriverError(
      new cassandra.errors.NoHostAvailableError({
        '127.0.0.1:9042': unavailable,
        '127.0.0.2:9042': new Error('ECONNREFUSED'),
      }),
    );
    expect(mixed.message).toContain('Cassandra is unreachable');
  });

  it("maps the vector index's refusal under contention to UNAVAILABLE with a retry delay, not INTERNAL", () => {
    const err = fromDriverError(
      responseError(codes.serverError, {
        message:
          'java.lang.IllegalStateException: Number of outstanding pooled objects has gone beyond the limit of 3',
      }),
    );
    expect(err.code).toBe(status.UNAVAILABLE);
    expect(err.message).toMatch(
      /^Cassandra's vector index refused the write: too many writes reached one SAI vector index at once; the write may not have been applied, retry it/,
    );
    expect(err.details.map((d) => d.typeName)).toEqual(['google.rpc.RetryInfo']);
    expect(fromDriverError(responseError(codes.serverError, { message: 'boom' })).code).toBe(status.INTERNAL);
  });
});
