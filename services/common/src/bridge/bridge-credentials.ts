// How an API connects to the bridge: plaintext h2c, or TLS when BRIDGE_TLS_CA_FILE is set (the
// bridge's certificate checked against that CA and against the host of BRIDGE_ADDRESS, or
// BRIDGE_TLS_SERVER_NAME), with a client certificate for a bridge that requires mutual TLS.
// Files are read once, at start: a bad one stops the start with one line (ConfigError).
import type { ConnectionOptions } from 'node:tls';
import * as grpc from '@grpc/grpc-js';
import { ConfigError } from '../config/load-config.js';
import { readCertificates, readKeyPair } from '../tls/pem-files.js';
import type { TlsSettingNames } from '../tls/tls-failure.js';

export interface BridgeTlsSettings {
  bridgeTlsCaFile: string;
  bridgeTlsCertFile: string;
  bridgeTlsKeyFile: string;
  bridgeTlsServerName: string;
}

export const bridgeTlsNames: TlsSettingNames = {
  ca: 'BRIDGE_TLS_CA_FILE',
  cert: 'BRIDGE_TLS_CERT_FILE',
  key: 'BRIDGE_TLS_KEY_FILE',
  serverName: 'BRIDGE_TLS_SERVER_NAME',
};

export interface BridgeChannelSecurity {
  credentials: grpc.ChannelCredentials;
  /** Channel options the credentials need (the server name override). */
  channelOptions: grpc.ChannelOptions;
  /** The same TLS settings for a diagnostic handshake (explain-bridge-failure.ts); undefined: plaintext. */
  tls?: {
    connectionOptions: ConnectionOptions;
    caFile: string;
    serverName: string;
    clientCertificate: boolean;
  };
}

export function plaintextBridgeChannel(): BridgeChannelSecurity {
  return { credentials: grpc.credentials.createInsecure(), channelOptions: {} };
}

export function bridgeChannelSecurity(settings: BridgeTlsSettings): BridgeChannelSecurity {
  if (!settings.bridgeTlsCaFile) {
    const set = (
      [
        [bridgeTlsNames.cert, settings.bridgeTlsCertFile],
        [bridgeTlsNames.key, settings.bridgeTlsKeyFile],
        [bridgeTlsNames.serverName, settings.bridgeTlsServerName],
      ] as const
    ).find(([, value]) => value !== '');
    // Half a TLS configuration: refuse it rather than connect in plaintext.
    if (set) {
      throw new ConfigError(
        `${set[0]} is set but ${bridgeTlsNames.ca} is not (TLS to the bridge needs its CA)`,
      );
    }
    return plaintextBridgeChannel();
  }
  const ca = readCertificates({ env: bridgeTlsNames.ca, path: settings.bridgeTlsCaFile }).pem;
  const pair = readKeyPair(
    { env: bridgeTlsNames.cert, path: settings.bridgeTlsCertFile },
    { env: bridgeTlsNames.key, path: settings.bridgeTlsKeyFile },
  );
  const serverName = settings.bridgeTlsServerName;
  return {
    credentials: grpc.credentials.createSsl(ca, pair?.key ?? null, pair?.cert ?? null),
    channelOptions: serverName ? { 'grpc.ssl_target_name_override': serverName } : {},
    tls: {
      connectionOptions: {
        ca,
        ...(pair ?? {}),
        ...(serverName ? { servername: serverName } : {}),
        ALPNProtocols: ['h2'],
      },
      caFile: settings.bridgeTlsCaFile,
      serverName,
      clientCertificate: pair !== undefined,
    },
  };
}
