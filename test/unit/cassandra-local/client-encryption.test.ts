// A node that requires TLS on its CQL port: the cassandra.yaml keys Cassandra 5.0 reads, and the
// settings refused before a JVM is started for nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkClientEncryption } from '../../../tools/cassandra-local/client-encryption.js';
import { CassandraLocalError } from '../../../tools/cassandra-local/errors.js';
import { nodeLayout, resolveOptions } from '../../../tools/cassandra-local/options.js';
import { renderCassandraYaml } from '../../../tools/cassandra-local/write-config.js';

const dir = mkdtempSync(join(tmpdir(), 'client-encryption-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const keystore = join(dir, 'keystore.jks');
const truststore = join(dir, 'truststore.jks');
writeFileSync(keystore, '');
writeFileSync(truststore, '');

function yamlFor(clientEncryption: Parameters<typeof renderCassandraYaml>[0]['clientEncryption']) {
  const node = nodeLayout(resolveOptions({ dataDir: dir }), 1);
  return parse(
    renderCassandraYaml({
      node,
      clusterName: 'Test',
      seedAddress: '127.0.0.1',
      storagePort: 7000,
      clientEncryption,
    }),
  ) as Record<string, unknown>;
}

describe('client_encryption_options', () => {
  it('is absent unless asked for', () => {
    expect(yamlFor(undefined)).not.toHaveProperty('client_encryption_options');
  });

  it('requires TLS on the CQL port (not optional), from the JKS keystore', () => {
    expect(yamlFor({ keystore, keystorePassword: 'secret' })['client_encryption_options']).toEqual({
      enabled: true,
      optional: false,
      keystore,
      keystore_password: 'secret',
      require_client_auth: false,
      store_type: 'JKS',
    });
  });

  it('requires client certificates of the truststore for mutual TLS', () => {
    expect(
      yamlFor({
        keystore,
        keystorePassword: 'secret',
        truststore,
        truststorePassword: 'trust',
        requireClientAuth: true,
      })['client_encryption_options'],
    ).toMatchObject({ truststore, truststore_password: 'trust', require_client_auth: true });
  });
});

describe('checkClientEncryption', () => {
  it('refuses a store that is not there', () => {
    const missing = join(dir, 'missing.jks');
    expect(() => checkClientEncryption({ keystore: missing, keystorePassword: 'x' })).toThrow(
      new CassandraLocalError(`client encryption: the keystore ${missing} does not exist or cannot be read`),
    );
  });

  it('refuses mutual TLS without a truststore, or without a certificate for the launcher’s own probes', () => {
    expect(() => checkClientEncryption({ keystore, keystorePassword: 'x', requireClientAuth: true })).toThrow(
      'requireClientAuth needs a truststore',
    );
    expect(() =>
      checkClientEncryption({ keystore, keystorePassword: 'x', truststore, requireClientAuth: true }),
    ).toThrow('requireClientAuth needs a client certificate and key');
  });
});
