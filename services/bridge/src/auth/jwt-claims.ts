// Stargate's JWT claims: `stargate_claims` holds `x-stargate-role` (the Cassandra role whose grants
// the caller gets) and, for row-level authorization, `x-stargate-<column>` entries: a row of a
// table with such a column is the caller's only when the column equals the claim.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { BridgeError } from '../errors/bridge-error.js';

export const CLAIMS_FIELD = 'stargate_claims';
export const CLAIM_PREFIX = 'x-stargate-';
export const ROLE_CLAIM = `${CLAIM_PREFIX}role`;

export interface StargateClaims {
  role: string;
  /** Column name → the value its rows must hold. Empty: no row restriction. */
  rowClaims: ReadonlyMap<string, string>;
}

export function stargateClaimsOf(payload: Record<string, unknown>): StargateClaims {
  const claims = payload[CLAIMS_FIELD];
  if (claims === undefined) throw unauthenticated(`JWT has no ${CLAIMS_FIELD} claim`);
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) {
    throw unauthenticated(`JWT claim ${CLAIMS_FIELD} must be a JSON object`);
  }
  const entries = claims as Record<string, unknown>;
  const role = entries[ROLE_CLAIM];
  if (typeof role !== 'string' || role === '') {
    throw unauthenticated(`JWT claim ${CLAIMS_FIELD} has no ${ROLE_CLAIM} (the Cassandra role to act as)`);
  }
  const rowClaims = new Map<string, string>();
  for (const [name, value] of Object.entries(entries)) {
    if (!name.startsWith(CLAIM_PREFIX) || name === ROLE_CLAIM) continue;
    const column = name.slice(CLAIM_PREFIX.length);
    if (column === '') continue;
    // Stargate read every claim as a string; numbers and booleans keep their JSON text.
    if (typeof value === 'string') rowClaims.set(column, value);
    else if (typeof value === 'number' || typeof value === 'boolean') rowClaims.set(column, String(value));
    else throw unauthenticated(`JWT claim ${CLAIMS_FIELD}.${name} must be a string`);
  }
  return { role, rowClaims };
}

function unauthenticated(message: string): BridgeError {
  return new BridgeError(GrpcStatus.UNAUTHENTICATED, message);
}
