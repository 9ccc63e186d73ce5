// Client-to-node encryption of a local node: TLS required on the CQL port (no plaintext), with the
// keystore (the node's key and certificate) and, to require client certificates, the truststore.
// Stores are Java keystores (JKS, or PKCS12 with storeType), as K8ssandra's clientEncryptionStores
// hold them. The launcher's own CQL probes then connect over TLS too.
import { accessSync, constants, readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { CassandraLocalError } from './errors.js';

export interface ClientEncryption {
  /** Keystore file holding the node's private key and certificate chain. */
  keystore: string;
  keystorePassword: string;
  /** Truststore file with the CAs whose client certificates are accepted (needed for requireClientAuth). */
  truststore?: string;
  truststorePassword?: string;
  /** Clients must present a certificate signed by a CA of the truststore (mutual TLS). Default false. */
  requireClientAuth?: boolean;
  /** JKS (default) or PKCS12. */
  storeType?: 'JKS' | 'PKCS12';
  /**
   * PEM certificate and key the launcher's CQL probes present: needed when requireClientAuth is set.
   */
  clientCertFile?: string;
  clientKeyFile?: string;
}

/** What node.json records, so `status` and later starts probe the node over TLS without options. */
export interface ClientEncryptionMeta {
  requireClientAuth: boolean;
  clientCertFile?: string;
  clientKeyFile?: string;
}

/** Refuses, with one message, settings that would make the node fail at start or never answer a probe. */
export function checkClientEncryption(encryption: ClientEncryption): void {
  const files: [string, string | undefined][] = [
    ['keystore', encryption.keystore],
    ['truststore', encryption.truststore],
    ['client certificate', encryption.clientCertFile],
    ['client key', encryption.clientKeyFile],
  ];
  for (const [what, file] of files) {
    if (file === undefined) continue;
    try {
      accessSync(file, constants.R_OK);
    } catch {
      throw new CassandraLocalError(
        `client encryption: the ${what} ${file} does not exist or cannot be read`,
      );
    }
  }
  if (encryption.requireClientAuth) {
    if (!encryption.truststore) {
      throw new CassandraLocalError(
        'client encryption: requireClientAuth needs a truststore (--tls-truststore)',
      );
    }
    if (!encryption.clientCertFile || !encryption.clientKeyFile) {
      throw new CassandraLocalError(
        'client encryption: requireClientAuth needs a client certificate and key for the launcher’s own ' +
          'CQL probes (--tls-client-cert, --tls-client-key)',
      );
    }
  }
}

/** cassandra.yaml's client_encryption_options (Cassandra 5.0 key names). */
export function clientEncryptionOptions(encryption: ClientEncryption): Record<string, unknown> {
  return {
    enabled: true,
    // Plaintext connections are refused: the node behaves as a production node that requires TLS.
    optional: false,
    keystore: encryption.keystore,
    keystore_password: encryption.keystorePassword,
    ...(encryption.truststore
      ? { truststore: encryption.truststore, truststore_password: encryption.truststorePassword ?? '' }
      : {}),
    require_client_auth: encryption.requireClientAuth === true,
    store_type: encryption.storeType ?? 'JKS',
  };
}

export function clientEncryptionMeta(encryption: ClientEncryption): ClientEncryptionMeta {
  return {
    requireClientAuth: encryption.requireClientAuth === true,
    ...(encryption.clientCertFile ? { clientCertFile: encryption.clientCertFile } : {}),
    ...(encryption.clientKeyFile ? { clientKeyFile: encryption.clientKeyFile } : {}),
  };
}

/**
 * TLS options of the launcher's probes. The node's certificate is not verified: the probe asks
 * whether the node this launcher started answers CQL on loopback; verifying certificates is the job
 * of real clients (the bridge's BRIDGE_CASSANDRA_TLS_* settings).
 */
export function probeTlsOptions(meta: ClientEncryptionMeta): ConnectionOptions {
  const options: ConnectionOptions = { rejectUnauthorized: false };
  if (!meta.clientCertFile || !meta.clientKeyFile) return options;
  try {
    return { ...options, cert: readFileSync(meta.clientCertFile), key: readFileSync(meta.clientKeyFile) };
  } catch {
    // Gone since the node started (a test's temporary folder): the probe then reports the refusal.
    return options;
  }
}
