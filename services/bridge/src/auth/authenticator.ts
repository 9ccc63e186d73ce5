// Who is calling: every bridge request carries the X-Cassandra-Token of the end user.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { BridgeError } from '../errors/bridge-error.js';

export interface Principal {
  /** The Cassandra role the token was issued to. */
  role: string;
  /** Until when (epoch ms) the bridge trusts this token from memory; absent: not cached. */
  trustedUntil?: number;
  /**
   * Row-level claims of a JWT (column → value): rows of a table with such a column are the
   * caller's only when the column holds the value. Absent: no row restriction (table tokens).
   */
  rowClaims?: ReadonlyMap<string, string>;
}

export interface Authenticator {
  /**
   * Resolves the token's principal, or throws UNAUTHENTICATED. `check`: an API only asks whether the
   * token is valid (before answering a request itself); such a check is not a request of the role.
   */
  authenticate(token: string | undefined, purpose?: 'request' | 'check'): Promise<Principal>;
}

export function missingToken(): BridgeError {
  return new BridgeError(GrpcStatus.UNAUTHENTICATED, 'No token provided');
}
