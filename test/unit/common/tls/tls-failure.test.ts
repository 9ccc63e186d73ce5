// TLS refusals in words: Node's errors (as the driver passes them on, or as grpc-js keeps their
// text) are recognised by cause, and each message names the peer, the cause, Node's reason and
// the setting that fixes it.
import { describe, expect, it } from 'vitest';
import {
  describeTlsFailure,
  oneLine,
  type TlsFailureContext,
  tlsFailureOf,
} from '../../../../services/common/src/tls/tls-failure.js';

const cassandra: TlsFailureContext = {
  peer: 'Cassandra node 10.0.0.5:9042',
  names: {
    enabled: 'BRIDGE_CASSANDRA_TLS_ENABLED',
    ca: 'BRIDGE_CASSANDRA_TLS_CA_FILE',
    cert: 'BRIDGE_CASSANDRA_TLS_CERT_FILE',
    key: 'BRIDGE_CASSANDRA_TLS_KEY_FILE',
    serverName: 'BRIDGE_CASSANDRA_TLS_SERVER_NAME',
    verifyHostname: 'BRIDGE_CASSANDRA_TLS_VERIFY_HOSTNAME',
  },
  caFile: '/etc/stargate/cassandra-tls/ca.crt',
  checkedName: '10.0.0.5',
  clientCertificate: false,
  peerTlsSetting: 'client_encryption_options',
  peerClientAuthSetting: 'client_encryption_options.require_client_auth',
};

describe('tlsFailureOf', () => {
  it('reads the cause from the error code the driver passes on', () => {
    expect(
      tlsFailureOf(
        Object.assign(new Error('self-signed certificate in certificate chain'), {
          code: 'SELF_SIGNED_CERT_IN_CHAIN',
        }),
      ),
    ).toEqual({ kind: 'untrusted-certificate', reason: 'self-signed certificate in certificate chain' });
    const wrongVersion = Object.assign(
      new Error(
        '40DDC6E1F37F0000:error:0A00010B:SSL routines:tls_validate_record_header:wrong version number:../deps/openssl/openssl/ssl/record/methods/tlsany_meth.c:77:\n',
      ),
      { code: 'ERR_SSL_WRONG_VERSION_NUMBER' },
    );
    expect(tlsFailureOf(wrongVersion)).toEqual({ kind: 'peer-not-tls', reason: 'wrong version number' });
  });

  it('reads the cause from the words grpc-js keeps of it', () => {
    expect(
      tlsFailureOf({
        message:
          '14 UNAVAILABLE: round_robin: No connection established. Last error: No connection established. ' +
          'Last error: Error: unable to verify the first certificate; if the root CA is installed locally, ' +
          'try running Node.js with --use-system-ca. Resolution note: ',
      }),
    ).toEqual({
      kind: 'untrusted-certificate',
      reason:
        'unable to verify the first certificate; if the root CA is installed locally, try running Node.js with --use-system-ca',
    });
    expect(
      tlsFailureOf({
        message:
          "No connection established. Last error: Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Host: wrong.example. is not in the cert's altnames: DNS:stargate-bridge. Resolution note: ",
      }),
    ).toEqual({
      kind: 'name-mismatch',
      reason:
        "Hostname/IP does not match certificate's altnames: Host: wrong.example. is not in the cert's altnames: DNS:stargate-bridge",
    });
    expect(
      tlsFailureOf({
        message:
          'No connection established. Last error: 40EDE2ED507F0000:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:918:SSL alert number 116\n (2026-12-02T13:51:14.254Z). Resolution note: ',
      }),
    ).toEqual({ kind: 'client-certificate-required', reason: 'tlsv13 alert certificate required' });
  });

  it('leaves errors that are not TLS alone', () => {
    expect(
      tlsFailureOf(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9042'), { code: 'ECONNREFUSED' })),
    ).toBe(undefined);
    expect(tlsFailureOf({ message: 'No connection established. Last error: Failed to connect' })).toBe(
      undefined,
    );
    expect(tlsFailureOf(undefined)).toBe(undefined);
  });

  it('keeps only the reason of a grpc-js message', () => {
    expect(
      oneLine(
        'No connection established. Last error: Failed to connect (2026-12-02T13:51:14.073Z). Resolution note: ',
      ),
    ).toBe('Failed to connect');
  });
});

describe('describeTlsFailure', () => {
  it('an unknown CA names the CA file to change', () => {
    expect(
      describeTlsFailure(
        { kind: 'untrusted-certificate', reason: 'self-signed certificate in certificate chain' },
        cassandra,
      ),
    ).toBe(
      'TLS to Cassandra node 10.0.0.5:9042 failed: its certificate is not signed by a CA of BRIDGE_CASSANDRA_TLS_CA_FILE ' +
        '(/etc/stargate/cassandra-tls/ca.crt) (self-signed certificate in certificate chain); ' +
        'set BRIDGE_CASSANDRA_TLS_CA_FILE to the CA that signed it',
    );
    expect(
      describeTlsFailure({ kind: 'untrusted-certificate', reason: 'x' }, { ...cassandra, caFile: '' }),
    ).toContain("not signed by a CA of the system's CAs (BRIDGE_CASSANDRA_TLS_CA_FILE is not set)");
  });

  it('a wrong name names the name checked, the server-name setting and the opt-out', () => {
    expect(
      describeTlsFailure({ kind: 'name-mismatch', reason: 'Hostname/IP does not match' }, cassandra),
    ).toBe(
      'TLS to Cassandra node 10.0.0.5:9042 failed: its certificate is not valid for 10.0.0.5 (Hostname/IP does not match); ' +
        'set BRIDGE_CASSANDRA_TLS_SERVER_NAME to a name the certificate carries, or BRIDGE_CASSANDRA_TLS_VERIFY_HOSTNAME=false',
    );
  });

  it('TLS on one side only says which side to change', () => {
    expect(
      describeTlsFailure({ kind: 'peer-requires-tls', reason: 'it answers a TLS handshake' }, cassandra),
    ).toBe(
      'Cassandra node 10.0.0.5:9042 requires TLS (client_encryption_options) and this connection was plaintext ' +
        '(it answers a TLS handshake); set BRIDGE_CASSANDRA_TLS_ENABLED=true and BRIDGE_CASSANDRA_TLS_CA_FILE',
    );
    expect(describeTlsFailure({ kind: 'peer-not-tls', reason: 'wrong version number' }, cassandra)).toBe(
      'TLS to Cassandra node 10.0.0.5:9042 failed: it does not speak TLS on this port (wrong version number); ' +
        'set BRIDGE_CASSANDRA_TLS_ENABLED=false, or turn on client_encryption_options there',
    );
  });

  it('client certificates: required, or refused (also as the internal_error alert a Java server sends)', () => {
    expect(
      describeTlsFailure(
        { kind: 'client-certificate-required', reason: 'tlsv13 alert certificate required' },
        cassandra,
      ),
    ).toBe(
      'Cassandra node 10.0.0.5:9042 refused the TLS connection: it requires a client certificate ' +
        '(client_encryption_options.require_client_auth) and none was sent (tlsv13 alert certificate required); ' +
        'set BRIDGE_CASSANDRA_TLS_CERT_FILE and BRIDGE_CASSANDRA_TLS_KEY_FILE',
    );
    const withCertificate = { ...cassandra, clientCertificate: true };
    expect(
      describeTlsFailure({ kind: 'handshake', reason: 'tlsv1 alert internal error' }, withCertificate),
    ).toBe(
      'Cassandra node 10.0.0.5:9042 refused the TLS connection: it does not accept the client certificate of ' +
        'BRIDGE_CASSANDRA_TLS_CERT_FILE (tlsv1 alert internal error); it must be signed by a CA Cassandra node ' +
        '10.0.0.5:9042 trusts (client_encryption_options.require_client_auth)',
    );
    // Without a certificate of ours, the same alert is only a failed handshake.
    expect(describeTlsFailure({ kind: 'handshake', reason: 'tlsv1 alert internal error' }, cassandra)).toBe(
      'TLS to Cassandra node 10.0.0.5:9042 failed (tlsv1 alert internal error)',
    );
  });
});
