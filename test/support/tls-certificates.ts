// Test certificates made the way an operator makes them: a CA and certificates it signs, as PEM
// files (openssl), and for Cassandra the JKS keystore and truststore K8ssandra's
// clientEncryptionStores hold, made with the keytool of the JDK 17 the launcher runs Cassandra on.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { findJdk17 } from '../../tools/cassandra-local/index.js';

export interface PemPair {
  certFile: string;
  keyFile: string;
}

export interface Identity {
  /** Subject common name (informational: verification reads subjectAltName). */
  commonName: string;
  ipAddresses?: string[];
  dnsNames?: string[];
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

/**
 * One `openssl req -x509` run, valid for two days: a new P-256 key and its certificate, self-signed
 * or signed by `signer`, with the given subject name and extensions.
 */
function newCertificate(pair: PemPair, subject: string, extensions: string[], signer?: PemPair): PemPair {
  const signing = signer ? ['-CA', signer.certFile, '-CAkey', signer.keyFile] : [];
  const addext = extensions.flatMap((ext) => ['-addext', ext]);
  openssl([
    'req',
    '-x509',
    ...EC_KEY,
    ...signing,
    '-keyout',
    pair.keyFile,
    '-out',
    pair.certFile,
    '-days',
    '2',
    '-subj',
    `/CN=${subject}`,
    ...addext,
  ]);
  return pair;
}

/** A self-signed CA, valid for two days. */
export function makeCa(dir: string, name: string): PemPair {
  const pair = { certFile: join(dir, `${name}.crt`), keyFile: join(dir, `${name}.key`) };
  return newCertificate(pair, name, [
    'basicConstraints=critical,CA:TRUE',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
}

/** A certificate for server and client use, signed by `ca`, naming the given addresses and names. */
export function issueCertificate(ca: PemPair, dir: string, name: string, identity: Identity): PemPair {
  const pair = { certFile: join(dir, `${name}.crt`), keyFile: join(dir, `${name}.key`) };
  const altNames = [
    ...(identity.ipAddresses ?? []).map((ip) => `IP:${ip}`),
    ...(identity.dnsNames ?? []).map((dns) => `DNS:${dns}`),
  ];
  const extensions = ['basicConstraints=critical,CA:FALSE', 'extendedKeyUsage=serverAuth,clientAuth'];
  if (altNames.length > 0) extensions.push(`subjectAltName=${altNames.join(',')}`);
  return newCertificate(pair, identity.commonName, extensions, ca);
}

function keytool(args: string[]): void {
  const keytoolPath = join(findJdk17().home, 'bin', 'keytool');
  execFileSync(keytoolPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A JKS keystore holding `pair` (key and certificate, with the CA in its chain). */
export function javaKeystore(pair: PemPair, ca: PemPair, file: string, password: string): string {
  // keytool cannot read a PEM private key: openssl bundles key and chain as PKCS#12 first.
  const p12 = `${file}.p12`;
  openssl([
    'pkcs12',
    '-export',
    '-in',
    pair.certFile,
    '-inkey',
    pair.keyFile,
    '-certfile',
    ca.certFile,
    '-name',
    'node',
    '-out',
    p12,
    '-passout',
    `pass:${password}`,
  ]);
  keytool([
    '-importkeystore',
    '-noprompt',
    '-srckeystore',
    p12,
    '-srcstoretype',
    'PKCS12',
    '-srcstorepass',
    password,
    '-destkeystore',
    file,
    '-deststoretype',
    'JKS',
    '-deststorepass',
    password,
  ]);
  return file;
}

/** A JKS truststore holding the CA certificate. */
export function javaTruststore(ca: PemPair, file: string, password: string): string {
  keytool([
    '-importcert',
    '-noprompt',
    '-alias',
    'ca',
    '-file',
    ca.certFile,
    '-keystore',
    file,
    '-storetype',
    'JKS',
    '-storepass',
    password,
  ]);
  return file;
}
