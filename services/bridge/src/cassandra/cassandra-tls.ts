// TLS from the bridge to Cassandra (client-to-node encryption): the driver's sslOptions, which it
// passes to tls.connect for each connection. The files are read once, at start; a path that cannot
// be read stops the start with one line (ConfigError). The driver turns certificate checks off
// unless told otherwise (rejectUnauthorized: false for historical reasons): here they are on.
import { type ConnectionOptions, createSecureContext, type SecureContext } from 'node:tls';
import { ConfigError } from '../../../common/src/config/load-config.js';
import { type KeyPair, readCertificates, readKeyPair } from '../../../common/src/tls/pem-files.js';
import type { TlsFailureContext, TlsSettingNames } from '../../../common/src/tls/tls-failure.js';

export interface CassandraTlsSettings {
  cassandraTlsEnabled: boolean;
  cassandraTlsCaFile: string;
  cassandraTlsCertFile: string;
  cassandraTlsKeyFile: string;
  cassandraTlsVerifyHostname: boolean;
  cassandraTlsServerName: string;
}

export const cassandraTlsNames: TlsSettingNames = {
  enabled: 'BRIDGE_CASSANDRA_TLS_ENABLED',
  ca: 'BRIDGE_CASSANDRA_TLS_CA_FILE',
  cert: 'BRIDGE_CASSANDRA_TLS_CERT_FILE',
  key: 'BRIDGE_CASSANDRA_TLS_KEY_FILE',
  serverName: 'BRIDGE_CASSANDRA_TLS_SERVER_NAME',
  verifyHostname: 'BRIDGE_CASSANDRA_TLS_VERIFY_HOSTNAME',
};

/** What the bridge uses to connect over TLS, and to explain a refusal. */
export interface CassandraTls {
  /** The driver's sslOptions. */
  sslOptions: ConnectionOptions;
  caFile: string;
  serverName: string;
  clientCertificate: boolean;
}

/** undefined when TLS is off (plaintext CQL). */
export function cassandraTls(settings: CassandraTlsSettings): CassandraTls | undefined {
  if (!settings.cassandraTlsEnabled) {
    const set = (
      [
        [cassandraTlsNames.ca, settings.cassandraTlsCaFile],
        [cassandraTlsNames.cert, settings.cassandraTlsCertFile],
        [cassandraTlsNames.key, settings.cassandraTlsKeyFile],
        [cassandraTlsNames.serverName, settings.cassandraTlsServerName],
      ] as const
    ).find(([, value]) => value !== '');
    // A CA without TLS is a half-done configuration: refuse it rather than connect in plaintext.
    if (set) throw new ConfigError(`${set[0]} is set but ${cassandraTlsNames.enabled} is not true`);
    return undefined;
  }
  const ca = settings.cassandraTlsCaFile
    ? readCertificates({ env: cassandraTlsNames.ca, path: settings.cassandraTlsCaFile }).pem
    : undefined;
  const pair = readKeyPair(
    { env: cassandraTlsNames.cert, path: settings.cassandraTlsCertFile },
    { env: cassandraTlsNames.key, path: settings.cassandraTlsKeyFile },
  );
  const sslOptions: ConnectionOptions = {
    // One context for every connection: the CA bundle and key are parsed once.
    secureContext: secureContext(ca, pair),
    rejectUnauthorized: true,
    // Node checks the certificate against the name below, or else the node's IP address.
    ...(settings.cassandraTlsServerName ? { servername: settings.cassandraTlsServerName } : {}),
    ...(settings.cassandraTlsVerifyHostname ? {} : { checkServerIdentity: () => undefined }),
  };
  return {
    sslOptions,
    caFile: settings.cassandraTlsCaFile,
    serverName: settings.cassandraTlsServerName,
    clientCertificate: pair !== undefined,
  };
}

function secureContext(ca: Buffer | undefined, pair: KeyPair | undefined): SecureContext {
  try {
    return createSecureContext({ ...(ca ? { ca } : {}), ...(pair ?? {}) });
  } catch (err) {
    // What the PEM checks let through and OpenSSL still refuses (an unsupported key type).
    throw new ConfigError(`BRIDGE_CASSANDRA_TLS_* files cannot be used: ${(err as Error).message}`);
  }
}

/** How a refusal by a Cassandra node is explained (see tls-failure.ts). */
export function cassandraTlsContext(tls: CassandraTls | undefined, endpoint: string): TlsFailureContext {
  const host = endpoint.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return {
    peer: `Cassandra node ${endpoint}`,
    names: cassandraTlsNames,
    caFile: tls?.caFile,
    checkedName: tls?.serverName || host,
    clientCertificate: tls?.clientCertificate ?? false,
    peerTlsSetting: 'client_encryption_options',
    peerClientAuthSetting: 'client_encryption_options.require_client_auth',
  };
}
