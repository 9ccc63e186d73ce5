// Why a TLS connection failed, from Node's error (its code, or the text grpc-js keeps of it), and
// what to say about it: the cause in words and the setting that fixes it, instead of the driver's
// or grpc-js's generic "could not connect".

export type TlsFailureKind =
  /** The peer's certificate is not signed by a CA we trust. */
  | 'untrusted-certificate'
  /** The peer's certificate does not name the host (or server name) we checked. */
  | 'name-mismatch'
  | 'certificate-expired'
  | 'certificate-not-yet-valid'
  /** We spoke TLS; the peer answered in plaintext. */
  | 'peer-not-tls'
  /** We spoke plaintext; the peer requires TLS (found by a handshake probe). */
  | 'peer-requires-tls'
  /** The peer asks for a client certificate and we sent none. */
  | 'client-certificate-required'
  /** The peer refused our client certificate. */
  | 'client-certificate-refused'
  | 'handshake';

export interface TlsFailure {
  kind: TlsFailureKind;
  /** Node's own words, on one line. */
  reason: string;
}

const byCode: Record<string, TlsFailureKind> = {
  SELF_SIGNED_CERT_IN_CHAIN: 'untrusted-certificate',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'untrusted-certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted-certificate',
  UNABLE_TO_GET_ISSUER_CERT: 'untrusted-certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted-certificate',
  CERT_SIGNATURE_FAILURE: 'untrusted-certificate',
  CERT_UNTRUSTED: 'untrusted-certificate',
  INVALID_CA: 'untrusted-certificate',
  ERR_TLS_CERT_ALTNAME_INVALID: 'name-mismatch',
  CERT_HAS_EXPIRED: 'certificate-expired',
  CERT_NOT_YET_VALID: 'certificate-not-yet-valid',
  ERR_SSL_WRONG_VERSION_NUMBER: 'peer-not-tls',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'peer-not-tls',
  ERR_SSL_HTTP_REQUEST: 'peer-not-tls',
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: 'client-certificate-required',
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 'client-certificate-refused',
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 'client-certificate-refused',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN: 'client-certificate-refused',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: 'client-certificate-refused',
  ERR_SSL_TLSV1_ALERT_ACCESS_DENIED: 'client-certificate-refused',
};

// grpc-js passes on only the message ("No connection established. Last error: ..."): the same
// causes by their OpenSSL and Node wording.
const byText: [RegExp, TlsFailureKind][] = [
  [
    /self[- ]signed certificate|unable to verify the first certificate|unable to get (local )?issuer certificate|certificate signature failure/i,
    'untrusted-certificate',
  ],
  [/does not match certificate's altnames|ERR_TLS_CERT_ALTNAME_INVALID/i, 'name-mismatch'],
  [/certificate has expired/i, 'certificate-expired'],
  [/certificate is not yet valid/i, 'certificate-not-yet-valid'],
  [/wrong version number|packet length too long|http request/i, 'peer-not-tls'],
  [/alert certificate required/i, 'client-certificate-required'],
  [
    /alert (unknown ca|bad certificate|certificate unknown|certificate expired|access denied)/i,
    'client-certificate-refused',
  ],
  [/SSL routines|ERR_SSL_|ERR_TLS_/i, 'handshake'],
];

/** The TLS cause of a connection error, or undefined when it is not a TLS failure. */
export function tlsFailureOf(err: unknown): TlsFailure | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const { code, message } = err as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  const kind =
    (typeof code === 'string' ? byCode[code] : undefined) ?? byText.find(([re]) => re.test(text))?.[1];
  return kind ? { kind, reason: oneLine(text) } : undefined;
}

/**
 * The reason alone, on one line: OpenSSL's "<hex>:error:<hex>:SSL routines:<function>:<reason>:..."
 * → "<reason>"; grpc-js's "No connection established. Last error: Error: <reason>. Resolution
 * note: ..." → "<reason>".
 */
export function oneLine(text: string): string {
  const openssl = /error:[0-9A-F]+:SSL routines:[^:]*:([^:]+):/.exec(text);
  if (openssl) return openssl[1]!.trim();
  const flat = text.replace(/\s+/g, ' ').trim();
  const last = flat.lastIndexOf('Last error: ');
  if (last < 0) return flat;
  return flat
    .slice(last + 'Last error: '.length)
    .replace(/^Error(?: \[[A-Z_]+\])?: /, '')
    .replace(/\.? Resolution note:.*$/, '')
    .replace(/ \(\d{4}-\d\d-\d\dT[^)]*\)$/, '')
    .trim();
}

/** The names of one side's TLS settings, for the advice in a message. */
export interface TlsSettingNames {
  /** Turns TLS on, when a setting does (the APIs turn it on with the CA file). */
  enabled?: string;
  ca: string;
  cert: string;
  key: string;
  serverName: string;
  /** Turns hostname verification off, when a setting may. */
  verifyHostname?: string;
}

export interface TlsFailureContext {
  /** Who refused, e.g. "Cassandra node 10.0.0.5:9042" or "the bridge at stargate-bridge:8091". */
  peer: string;
  names: TlsSettingNames;
  /** The CA file in use ('' or undefined: the system's CAs). */
  caFile?: string;
  /** The name the certificate was checked against. */
  checkedName?: string;
  /** Whether we presented a client certificate. */
  clientCertificate: boolean;
  /** The peer's settings that turn TLS on, and that require client certificates. */
  peerTlsSetting: string;
  peerClientAuthSetting: string;
}

/** One line: the peer, the cause, Node's own reason, and the setting that fixes it. */
export function describeTlsFailure(failure: TlsFailure, context: TlsFailureContext): string {
  const { names } = context;
  const ca = context.caFile ? `${names.ca} (${context.caFile})` : `the system's CAs (${names.ca} is not set)`;
  const because = failure.reason ? ` (${failure.reason})` : '';
  const enable = names.enabled ? `${names.enabled}=true and ${names.ca}` : names.ca;
  // A Java server (Cassandra) answers a client certificate it cannot verify with the alert
  // internal_error where OpenSSL sends unknown_ca: after our certificate, it means the same.
  const refusedCertificate =
    failure.kind === 'handshake' &&
    context.clientCertificate &&
    /alert (internal error|handshake failure)/i.test(failure.reason);
  switch (refusedCertificate ? 'client-certificate-refused' : failure.kind) {
    case 'untrusted-certificate':
      return `TLS to ${context.peer} failed: its certificate is not signed by a CA of ${ca}${because}; set ${names.ca} to the CA that signed it`;
    case 'name-mismatch': {
      const name = context.checkedName ? ` for ${context.checkedName}` : '';
      const off = names.verifyHostname ? `, or ${names.verifyHostname}=false` : '';
      return `TLS to ${context.peer} failed: its certificate is not valid${name}${because}; set ${names.serverName} to a name the certificate carries${off}`;
    }
    case 'certificate-expired':
      return `TLS to ${context.peer} failed: its certificate has expired${because}; renew the certificate on ${context.peer}`;
    case 'certificate-not-yet-valid':
      return `TLS to ${context.peer} failed: its certificate is not valid yet${because}; check the clocks, or the certificate's start date`;
    case 'peer-not-tls':
      return `TLS to ${context.peer} failed: it does not speak TLS on this port${because}; ${names.enabled ? `set ${names.enabled}=false` : `unset ${names.ca}`}, or turn on ${context.peerTlsSetting} there`;
    case 'peer-requires-tls':
      return `${context.peer} requires TLS (${context.peerTlsSetting}) and this connection was plaintext${because}; set ${enable}`;
    case 'client-certificate-required':
      return `${context.peer} refused the TLS connection: it requires a client certificate (${context.peerClientAuthSetting}) and none was sent${because}; set ${names.cert} and ${names.key}`;
    case 'client-certificate-refused':
      return `${context.peer} refused the TLS connection: it does not accept the client certificate of ${names.cert}${because}; it must be signed by a CA ${context.peer} trusts (${context.peerClientAuthSetting})`;
    default:
      return `TLS to ${context.peer} failed${because}`;
  }
}
