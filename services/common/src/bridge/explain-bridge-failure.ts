// Why an API cannot reach its bridge, in one line, when the cause is TLS. grpc-js keeps Node's
// words for a certificate it refused ("unable to verify the first certificate"), but says only
// "Failed to connect" when the bridge refused the API (no or a wrong client certificate) or when
// one side speaks TLS and the other does not: one handshake with the bridge tells which.
import { isIP } from 'node:net';
import { probeTlsHandshake } from '../tls/probe-tls-handshake.js';
import {
  describeTlsFailure,
  type TlsFailure,
  type TlsFailureContext,
  tlsFailureOf,
} from '../tls/tls-failure.js';
import { type BridgeChannelSecurity, bridgeTlsNames } from './bridge-credentials.js';
import { parseBridgeAddress } from './bridge-target.js';

const UNEXPLAINED = /Failed to connect|Connection dropped|ECONNRESET|socket hang up|closed/i;

/** The TLS cause of a failed call to the bridge, or undefined when it is not TLS. */
export async function explainBridgeFailure(
  message: string,
  address: string,
  security: BridgeChannelSecurity,
): Promise<string | undefined> {
  const endpoint = parseBridgeAddress(address)[0];
  if (!endpoint) return undefined;
  const peer = `the bridge at ${endpoint.kind === 'ipv6' ? `[${endpoint.host}]` : endpoint.host}:${endpoint.port}`;
  const failure =
    tlsFailureOf({ message }) ?? (UNEXPLAINED.test(message) ? await probe(endpoint, security) : undefined);
  if (!failure) return undefined;
  const context: TlsFailureContext = {
    peer,
    names: bridgeTlsNames,
    caFile: security.tls?.caFile,
    checkedName: security.tls?.serverName || endpoint.host,
    clientCertificate: security.tls?.clientCertificate ?? false,
    peerTlsSetting: 'BRIDGE_GRPC_TLS_CERT_FILE',
    peerClientAuthSetting: 'BRIDGE_GRPC_TLS_CLIENT_CA_FILE',
  };
  return describeTlsFailure(failure, context);
}

async function probe(
  endpoint: { host: string; port: number },
  security: BridgeChannelSecurity,
): Promise<TlsFailure | undefined> {
  // An IP address is no TLS server name (RFC 6066): send none then.
  const servername = isIP(endpoint.host) ? undefined : endpoint.host;
  if (!security.tls) {
    const outcome = await probeTlsHandshake(endpoint.host, endpoint.port, {
      rejectUnauthorized: false,
      ALPNProtocols: ['h2'],
      ...(servername ? { servername } : {}),
    });
    const speaksTls =
      outcome.kind === 'accepted' ||
      (outcome.kind === 'refused' && outcome.failure.kind.startsWith('client-certificate'));
    return speaksTls ? { kind: 'peer-requires-tls', reason: 'it answers a TLS handshake' } : undefined;
  }
  const outcome = await probeTlsHandshake(endpoint.host, endpoint.port, {
    ...(servername ? { servername } : {}),
    ...security.tls.connectionOptions,
  });
  if (outcome.kind === 'refused') return outcome.failure;
  if (outcome.kind === 'not-tls') return { kind: 'peer-not-tls', reason: outcome.reason };
  return undefined;
}
