// What every stargate.Stargate call carries besides its message: the caller's token (metadata
// x-cassandra-token, passed to the bridge as-is) and its deadline, which bounds the bridge request.
import { type Deadline, status as GrpcStatus, type Metadata } from '@grpc/grpc-js';
import { ApiError } from '../../../common/src/errors/api-error.js';

const TOKEN_METADATA_KEY = 'x-cassandra-token';

/** The call's token; UNAUTHENTICATED "No token provided" (Stargate's words) when absent or empty. */
export function readToken(metadata: Metadata): string {
  const value = metadata.get(TOKEN_METADATA_KEY)[0];
  const token = typeof value === 'string' ? value : '';
  if (!token) throw new ApiError('GRPC_TOKEN_MISSING');
  return token;
}

/**
 * How long the bridge may take for a request of this call: what is left of the client's deadline,
 * never more than the configured bridge deadline (which also applies when the client set none).
 */
export function bridgeDeadlineMs(callDeadline: Deadline, maxMs: number, now = Date.now()): number {
  const at = callDeadline instanceof Date ? callDeadline.getTime() : callDeadline;
  if (!Number.isFinite(at)) return maxMs;
  return Math.max(1, Math.min(maxMs, at - now));
}

/** True once the call's deadline has passed (a call cancelled then ended by its deadline). */
function deadlinePassed(callDeadline: Deadline, now = Date.now()): boolean {
  const at = callDeadline instanceof Date ? callDeadline.getTime() : callDeadline;
  return Number.isFinite(at) && now >= at;
}

/** The status to record for a call that failed with `code`: its deadline wins if it had passed. */
export function outcomeCode(code: GrpcStatus, cancelled: boolean, callDeadline: Deadline): GrpcStatus {
  return cancelled && deadlinePassed(callDeadline) ? GrpcStatus.DEADLINE_EXCEEDED : code;
}
