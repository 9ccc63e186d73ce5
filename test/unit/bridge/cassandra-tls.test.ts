// BRIDGE_CASSANDRA_TLS_*: the driver's sslOptions verify the node (CA and name, unless hostname
// checks are turned off), and a file that cannot be used stops the start with a message naming
// the setting and the file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CassandraTlsSettings,
  cassandraTls,
} from '../../../services/bridge/src/cassandra/cassandra-tls.js';
import { ConfigError } from '../../../services/common/src/config/load-config.js';
import { issueCertificate, makeCa, type PemPair } from '../../support/tls-certificates.js';

const dir = mkdtempSync(join(tmpdir(), 'cassandra-tls-unit-'));
let ca: PemPair;
let client: PemPair;
let other: PemPair;

beforeAll(() => {
  ca = makeCa(dir, 'ca');
  client = issueCertificate(ca, dir, 'client', { commonName: 'bridge' });
  other = issueCertificate(ca, dir, 'other', { commonName: 'other' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const settings = (overrides: Partial<CassandraTlsSettings> = {}): CassandraTlsSettings => ({
  cassandraTlsEnabled: true,
  cassandraTlsCaFile: ca.certFile,
  cassandraTlsCertFile: '',
  cassandraTlsKeyFile: '',
  cassandraTlsVerifyHostname: true,
  cassandraTlsServerName: '',
  ...overrides,
});

describe('cassandraTls', () => {
  it('is off by default, and refuses TLS files while it is off', () => {
    expect(cassandraTls(settings({ cassandraTlsEnabled: false, cassandraTlsCaFile: '' }))).toBeUndefined();
    expect(() => cassandraTls(settings({ cassandraTlsEnabled: false }))).toThrow(
      new ConfigError('BRIDGE_CASSANDRA_TLS_CA_FILE is set but BRIDGE_CASSANDRA_TLS_ENABLED is not true'),
    );
  });

  it('verifies certificates and the node name by default', () => {
    const tls = cassandraTls(settings())!;
    expect(tls.sslOptions.rejectUnauthorized).toBe(true);
    expect(tls.sslOptions.checkServerIdentity).toBeUndefined();
    expect(tls.sslOptions.servername).toBeUndefined();
    expect(tls.clientCertificate).toBe(false);
  });

  it('checks the server name when set, and only the CA when hostname checks are off', () => {
    expect(
      cassandraTls(settings({ cassandraTlsServerName: 'cassandra-dc1-service' }))!.sslOptions.servername,
    ).toBe('cassandra-dc1-service');
    const unchecked = cassandraTls(settings({ cassandraTlsVerifyHostname: false }))!.sslOptions;
    expect(unchecked.rejectUnauthorized).toBe(true);
    expect(unchecked.checkServerIdentity?.('10.0.0.5', {} as never)).toBeUndefined();
  });

  it('presents a client certificate when given one with its key', () => {
    const tls = cassandraTls(
      settings({ cassandraTlsCertFile: client.certFile, cassandraTlsKeyFile: client.keyFile }),
    );
    expect(tls!.clientCertificate).toBe(true);
  });

  it('stops the start on a file it cannot use, naming the setting and the file', () => {
    const missing = join(dir, 'missing.crt');
    expect(() => cassandraTls(settings({ cassandraTlsCaFile: missing }))).toThrow(
      new ConfigError(`BRIDGE_CASSANDRA_TLS_CA_FILE=${missing} cannot be read (ENOENT)`),
    );
    const garbage = join(dir, 'garbage.crt');
    writeFileSync(garbage, 'not a certificate\n');
    expect(() => cassandraTls(settings({ cassandraTlsCaFile: garbage }))).toThrow(
      new ConfigError(
        `BRIDGE_CASSANDRA_TLS_CA_FILE=${garbage} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
      ),
    );
    expect(() => cassandraTls(settings({ cassandraTlsCertFile: client.certFile }))).toThrow(
      new ConfigError(
        'BRIDGE_CASSANDRA_TLS_CERT_FILE is set but BRIDGE_CASSANDRA_TLS_KEY_FILE is not: set both or neither',
      ),
    );
    expect(() =>
      cassandraTls(settings({ cassandraTlsCertFile: client.certFile, cassandraTlsKeyFile: garbage })),
    ).toThrow(/^BRIDGE_CASSANDRA_TLS_KEY_FILE=.*garbage\.crt is not an unencrypted PEM private key/);
    expect(() =>
      cassandraTls(settings({ cassandraTlsCertFile: client.certFile, cassandraTlsKeyFile: other.keyFile })),
    ).toThrow(
      new ConfigError(
        `BRIDGE_CASSANDRA_TLS_KEY_FILE=${other.keyFile} is not the private key of the certificate in BRIDGE_CASSANDRA_TLS_CERT_FILE=${client.certFile}`,
      ),
    );
  });
});
