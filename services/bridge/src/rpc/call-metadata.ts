// Reads what Stargate's API services send with every bridge call: X-Cassandra-Token (required,
// UNAUTHENTICATED when missing) and X-Source-Api (required, INVALID_ARGUMENT when missing).
import type { Metadata } from '@grpc/grpc-js';
import { missingToken } from '../auth/authenticator.js';
import { BridgeError } from '../errors/bridge-error.js';

export const TOKEN_KEY = 'x-cassandra-token';
export const SOURCE_API_KEY = 'x-source-api';

export interface CallMetadata {
  token: string;
  sourceApi: string;
}

export function readCallMetadata(metadata: Metadata, requireToken = true): CallMetadata {
  const token = String(metadata.get(TOKEN_KEY)[0] ?? '');
  const sourceApi = String(metadata.get(SOURCE_API_KEY)[0] ?? '');
  if (requireToken && !token) throw missingToken();
  if (!sourceApi) throw BridgeError.invalid('No X-Source-Api provided');
  return { token, sourceApi };
}
