// Why the bridge could not connect to Cassandra, in one line, when the cause is TLS: the driver
// reports "All host(s) tried for query failed ... See innerErrors", and with a plaintext bridge
// in front of a node that requires TLS, only "read ECONNRESET". The inner errors carry Node's TLS
// error; a reset or close is explained by one handshake with the node (probe-tls-handshake.ts).
import { probeTlsHandshake } from '../../../common/src/tls/probe-tls-handshake.js';
import { describeTlsFailure, type TlsFailure, tlsFailureOf } from '../../../common/src/tls/tls-failure.js';
import { type CassandraTls, cassandraTlsContext } from './cassandra-tls.js';

export interface ConnectFailure {
  message: string;
  /** The cause is TLS (configuration, or certificates): it will not go away by retrying. */
  tls: boolean;
}

const CLOSED =
  /ECONNRESET|socket hang up|EPIPE|Connection closed|socket was closed|before secure TLS connection/i;

export async function explainConnectFailure(
  err: unknown,
  tls: CassandraTls | undefined,
): Promise<ConnectFailure> {
  const original = err instanceof Error ? err.message : String(err);
  for (const [endpoint, inner] of hostErrors(err)) {
    const failure = tlsFailureOf(inner) ?? (await probeWhenClosed(endpoint, inner, tls));
    if (failure) {
      return { message: describeTlsFailure(failure, cassandraTlsContext(tls, endpoint)), tls: true };
    }
  }
  return { message: original, tls: false };
}

/** A connection closed without a word: ask the node itself, with one handshake, what it expects. */
async function probeWhenClosed(
  endpoint: string,
  inner: unknown,
  tls: CassandraTls | undefined,
): Promise<TlsFailure | undefined> {
  if (!CLOSED.test(inner instanceof Error ? inner.message : String(inner))) return undefined;
  const { host, port } = splitEndpoint(endpoint);
  if (!tls) {
    // Plaintext was refused: does the node answer a TLS ClientHello? (Certificates do not matter.)
    const outcome = await probeTlsHandshake(host, port, { rejectUnauthorized: false });
    const speaksTls =
      outcome.kind === 'accepted' ||
      (outcome.kind === 'refused' && outcome.failure.kind.startsWith('client-certificate'));
    return speaksTls ? { kind: 'peer-requires-tls', reason: 'it answers a TLS handshake' } : undefined;
  }
  const outcome = await probeTlsHandshake(host, port, tls.sslOptions);
  if (outcome.kind === 'refused') return outcome.failure;
  if (outcome.kind === 'not-tls') return { kind: 'peer-not-tls', reason: outcome.reason };
  return undefined;
}

function hostErrors(err: unknown): [string, unknown][] {
  const inner = (err as { innerErrors?: Record<string, unknown> } | undefined)?.innerErrors;
  return inner && typeof inner === 'object' ? Object.entries(inner) : [];
}

function splitEndpoint(endpoint: string): { host: string; port: number } {
  const match = /^\[?(.*?)\]?:(\d+)$/.exec(endpoint);
  return match ? { host: match[1]!, port: Number(match[2]) } : { host: endpoint, port: 9042 };
}
