// Reads what Stargate's API services send with every bridge call: X-Cassandra-Token (required,
// UNAUTHENTICATED when missing) and X-Source-Api (required, INVALID_ARGUMENT when missing).
import type { Metadata } from '@grpc/grpc-js';
import {
  isValidTenantId,
  TENANT_ID_RULE,
  TENANT_METADATA_KEY,
} from '../../../common/src/tenancy/tenant-id.js';
import { missingToken } from '../auth/authenticator.js';
import { BridgeError } from '../errors/bridge-error.js';

export const TOKEN_KEY = 'x-cassandra-token';
export const SOURCE_API_KEY = 'x-source-api';

export interface CallMetadata {
  token: string;
  sourceApi: string;
  /** X-Tenant-Id, optional (multi-tenancy). */
  tenant?: string;
}

export function readCallMetadata(metadata: Metadata, requireToken = true): CallMetadata {
  const token = String(metadata.get(TOKEN_KEY)[0] ?? '');
  const sourceApi = String(metadata.get(SOURCE_API_KEY)[0] ?? '');
  if (requireToken && !token) throw missingToken();
  if (!sourceApi) throw BridgeError.invalid('No X-Source-Api provided');
  return { token, sourceApi, tenant: readTenant(String(metadata.get(TENANT_METADATA_KEY)[0] ?? '')) };
}

/** X-Tenant-Id (or a multiplexed request's tenant_id): empty is none; INVALID_ARGUMENT when malformed. */
export function readTenant(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  if (!isValidTenantId(value)) throw BridgeError.invalid(`Invalid X-Tenant-Id: it must be ${TENANT_ID_RULE}`);
  return value;
}
