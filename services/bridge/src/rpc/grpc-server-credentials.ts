// Credentials of the bridge's gRPC listener: plaintext h2c by default; TLS with
// BRIDGE_GRPC_TLS_CERT_FILE and _KEY_FILE; mutual TLS when BRIDGE_GRPC_TLS_CLIENT_CA_FILE names the
// CAs of the APIs' client certificates (a connection without one is refused at the handshake).
import * as grpc from '@grpc/grpc-js';
import { ConfigError } from '../../../common/src/config/load-config.js';
import { readCertificates, readKeyPair } from '../../../common/src/tls/pem-files.js';

export interface GrpcTlsSettings {
  grpcTlsCertFile: string;
  grpcTlsKeyFile: string;
  grpcTlsClientCaFile: string;
}

export interface GrpcListenerSecurity {
  credentials: grpc.ServerCredentials;
  /** 'plaintext', 'tls' or 'mutual-tls', for the start line. */
  mode: 'plaintext' | 'tls' | 'mutual-tls';
}

export function grpcListenerSecurity(settings: GrpcTlsSettings): GrpcListenerSecurity {
  const pair = readKeyPair(
    { env: 'BRIDGE_GRPC_TLS_CERT_FILE', path: settings.grpcTlsCertFile },
    { env: 'BRIDGE_GRPC_TLS_KEY_FILE', path: settings.grpcTlsKeyFile },
  );
  if (!pair) {
    if (settings.grpcTlsClientCaFile) {
      throw new ConfigError('BRIDGE_GRPC_TLS_CLIENT_CA_FILE needs BRIDGE_GRPC_TLS_CERT_FILE and _KEY_FILE');
    }
    return { credentials: grpc.ServerCredentials.createInsecure(), mode: 'plaintext' };
  }
  const clientCa = settings.grpcTlsClientCaFile
    ? readCertificates({ env: 'BRIDGE_GRPC_TLS_CLIENT_CA_FILE', path: settings.grpcTlsClientCaFile }).pem
    : null;
  return {
    credentials: grpc.ServerCredentials.createSsl(
      clientCa,
      [{ cert_chain: pair.cert, private_key: pair.key }],
      clientCa !== null,
    ),
    mode: clientCa ? 'mutual-tls' : 'tls',
  };
}
