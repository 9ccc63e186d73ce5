// services/grpc/src/rpc/call-context.ts: token and deadline of a call.
import { status as GrpcStatus, Metadata } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../services/common/src/errors/api-error.js';
import { bridgeDeadlineMs, outcomeCode, readToken } from '../../../../services/grpc/src/rpc/call-context.js';

function metadata(entries: Record<string, string | undefined>): Metadata {
  const md = new Metadata();
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) md.set(k, v);
  return md;
}

describe('readToken', () => {
  it('reads x-cassandra-token whatever case the client used', () => {
    expect(readToken(metadata({ 'X-Cassandra-Token': 'abc' }))).toBe('abc');
  });

  it.each([{}, { 'x-cassandra-token': '' }])('refuses a call without a token (%o)', (entries) => {
    let caught: unknown;
    try {
      readToken(metadata(entries));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ApiError);
    expect(caught).toMatchObject({ grpcStatus: GrpcStatus.UNAUTHENTICATED, message: 'No token provided' });
  });
});

describe('bridgeDeadlineMs', () => {
  const now = 1_000_000;
  it('uses the configured bound when the client set no deadline', () => {
    expect(bridgeDeadlineMs(Number.POSITIVE_INFINITY, 30_000, now)).toBe(30_000);
  });
  it("passes what is left of the client's deadline", () => {
    expect(bridgeDeadlineMs(now + 1500, 30_000, now)).toBe(1500);
    expect(bridgeDeadlineMs(new Date(now + 250), 30_000, now)).toBe(250);
  });
  it('never exceeds the bound, and never goes below 1 ms', () => {
    expect(bridgeDeadlineMs(now + 120_000, 30_000, now)).toBe(30_000);
    expect(bridgeDeadlineMs(now - 10, 30_000, now)).toBe(1);
  });
});

describe('outcomeCode', () => {
  it('records DEADLINE_EXCEEDED for a call cancelled by its deadline', () => {
    expect(outcomeCode(GrpcStatus.CANCELLED, true, Date.now() - 1)).toBe(GrpcStatus.DEADLINE_EXCEEDED);
    expect(outcomeCode(GrpcStatus.CANCELLED, true, Date.now() + 60_000)).toBe(GrpcStatus.CANCELLED);
    expect(outcomeCode(GrpcStatus.INVALID_ARGUMENT, false, Date.now() - 1)).toBe(GrpcStatus.INVALID_ARGUMENT);
  });
});
