// Checks a username and password the way Cassandra itself does: by logging in with them. Cassandra
// applies its own authenticator (and its credentials cache), so whatever it accepts, we accept.
import type { ConnectionOptions } from 'node:tls';
import { status as GrpcStatus } from '@grpc/grpc-js';
import cassandra from 'cassandra-driver';
import { BridgeError } from '../errors/bridge-error.js';

export interface CredentialCheckSettings {
  contactPoints: string[];
  localDatacenter: string;
  connectTimeoutMs: number;
  /** The driver's sslOptions when the bridge reaches Cassandra over TLS. */
  sslOptions?: ConnectionOptions;
}

export async function credentialsAreValid(
  settings: CredentialCheckSettings,
  username: string,
  password: string,
): Promise<boolean> {
  const client = new cassandra.Client({
    contactPoints: settings.contactPoints,
    localDataCenter: settings.localDatacenter,
    credentials: { username, password },
    ...(settings.sslOptions ? { sslOptions: settings.sslOptions } : {}),
    isMetadataSyncEnabled: false,
    pooling: {
      coreConnectionsPerHost: { [cassandra.types.distance.local]: 1, [cassandra.types.distance.remote]: 0 },
    },
    socketOptions: { connectTimeout: settings.connectTimeoutMs },
  });
  try {
    await client.connect();
    return true;
  } catch (err) {
    if (isAuthenticationFailure(err)) return false;
    throw new BridgeError(GrpcStatus.UNAVAILABLE, `Cannot check credentials: ${(err as Error).message}`);
  } finally {
    await client.shutdown().catch(() => undefined);
  }
}

function isAuthenticationFailure(err: unknown): boolean {
  const { errors } = cassandra;
  if (err instanceof errors.AuthenticationError) return true;
  if (err instanceof errors.NoHostAvailableError) {
    const inner = Object.values((err as { innerErrors?: Record<string, unknown> }).innerErrors ?? {});
    return inner.length > 0 && inner.every((e) => e instanceof errors.AuthenticationError);
  }
  return false;
}
