// Reads the PEM files a TLS setting names, once at start: a path that cannot be read, or a file
// that does not hold what the setting needs, stops the start with one line naming the setting.
import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/load-config.js';

const CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** A setting: its environment variable and the file it names ('' when unset). */
export interface FileSetting {
  env: string;
  path: string;
}

function readSetting(setting: FileSetting): Buffer {
  try {
    return readFileSync(setting.path);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ConfigError(`${setting.env}=${setting.path} cannot be read (${reason})`);
  }
}

/** One or more PEM certificates (a CA bundle, or a certificate and its chain). */
export function readCertificates(setting: FileSetting): { pem: Buffer; certificates: X509Certificate[] } {
  const pem = readSetting(setting);
  const blocks = pem.toString('utf8').match(CERTIFICATE) ?? [];
  if (blocks.length === 0) {
    throw new ConfigError(
      `${setting.env}=${setting.path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
    );
  }
  const certificates = blocks.map((block, i) => {
    try {
      return new X509Certificate(block);
    } catch (err) {
      throw new ConfigError(
        `${setting.env}=${setting.path}: certificate ${i + 1} is not a valid certificate (${(err as Error).message})`,
      );
    }
  });
  return { pem, certificates };
}

/** An unencrypted PEM private key. */
function readPrivateKey(setting: FileSetting): { pem: Buffer; key: KeyObject } {
  const pem = readSetting(setting);
  try {
    return { pem, key: createPrivateKey(pem) };
  } catch (err) {
    throw new ConfigError(
      `${setting.env}=${setting.path} is not an unencrypted PEM private key (${(err as Error).message})`,
    );
  }
}

/** A certificate (chain) and its private key, as a TLS peer presents them. */
export interface KeyPair {
  cert: Buffer;
  key: Buffer;
}

/** Reads a certificate and key that must be set together (both paths empty: undefined). */
export function readKeyPair(cert: FileSetting, key: FileSetting): KeyPair | undefined {
  if (!cert.path && !key.path) return undefined;
  if (!cert.path || !key.path) {
    const [set, unset] = cert.path ? [cert.env, key.env] : [key.env, cert.env];
    throw new ConfigError(`${set} is set but ${unset} is not: set both or neither`);
  }
  const chain = readCertificates(cert);
  const privateKey = readPrivateKey(key);
  if (!chain.certificates[0]!.checkPrivateKey(privateKey.key)) {
    throw new ConfigError(
      `${key.env}=${key.path} is not the private key of the certificate in ${cert.env}=${cert.path}`,
    );
  }
  return { cert: chain.pem, key: privateKey.pem };
}
