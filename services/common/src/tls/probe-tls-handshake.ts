// One TLS handshake with a peer, to learn why a connection failed where the client library only
// says it was closed: whether the peer speaks TLS at all (a plaintext client of a TLS-only
// server sees just a reset), and whether it kept the connection after seeing our certificate
// (with TLS 1.3 a server refuses a client certificate after the handshake, by closing).
import { type ConnectionOptions, connect } from 'node:tls';
import { oneLine, type TlsFailure, tlsFailureOf } from './tls-failure.js';

export type HandshakeOutcome =
  | { kind: 'accepted' }
  /** The peer answered, but not in TLS. */
  | { kind: 'not-tls'; reason: string }
  /** The peer speaks TLS and the handshake failed (or it closed right after it). */
  | { kind: 'refused'; failure: TlsFailure }
  /** No answer at all (refused, timed out). */
  | { kind: 'unreachable'; reason: string };

// A server that refuses a TLS 1.3 client certificate does it right after the handshake: so long
// without a close counts as kept.
const KEPT_AFTER_MS = 300;

export function probeTlsHandshake(
  host: string,
  port: number,
  options: ConnectionOptions,
  timeoutMs = 3000,
): Promise<HandshakeOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const socket = connect({ ...options, host, port });
    const finish = (outcome: HandshakeOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(
      () => finish({ kind: 'unreachable', reason: `no TLS answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
    let handshakeDone = false;
    socket.once('secureConnect', () => {
      handshakeDone = true;
      setTimeout(() => finish({ kind: 'accepted' }), KEPT_AFTER_MS);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      const failure = tlsFailureOf(err);
      if (failure?.kind === 'peer-not-tls') finish({ kind: 'not-tls', reason: failure.reason });
      else if (failure) finish({ kind: 'refused', failure });
      else if (handshakeDone) finish({ kind: 'refused', failure: closedAfterHandshake(options) });
      else if (err.code === 'ECONNRESET' || /before secure TLS connection/.test(err.message)) {
        // An answer, but not a TLS one: the peer dropped our ClientHello.
        finish({ kind: 'not-tls', reason: oneLine(err.message) });
      } else finish({ kind: 'unreachable', reason: oneLine(err.message) });
    });
    socket.on('close', () => {
      if (handshakeDone) finish({ kind: 'refused', failure: closedAfterHandshake(options) });
      else finish({ kind: 'not-tls', reason: 'closed the connection without a TLS answer' });
    });
    // Read what the peer sends (an alert, or its first protocol frame), so errors surface.
    socket.resume();
  });
}

function closedAfterHandshake(options: ConnectionOptions): TlsFailure {
  const reason = 'it closed the connection right after the handshake';
  return options.cert
    ? { kind: 'client-certificate-refused', reason }
    : { kind: 'client-certificate-required', reason };
}
