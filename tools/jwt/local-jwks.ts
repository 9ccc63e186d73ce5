// A stand-in identity provider on loopback: serves a JWKS at /jwks.json and signs JWTs with its
// keys (jose; RS256 unless told otherwise). For tests (rotation, wrong keys) and the README's JWT
// tour; not for production.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  publicJwk: JWK;
}

export interface SignOptions {
  /** Key to sign with (default: the newest published key). */
  key?: SigningKey;
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative for an expired token (default 3600). */
  expiresIn?: number;
  /** Seconds from now until the token becomes valid (default: no nbf). */
  notBefore?: number;
  /** Header kid other than the key's (e.g. one the JWKS does not hold). */
  kid?: string;
}

export class LocalJwks {
  /** Keys published in the JWKS, newest last. */
  readonly published: SigningKey[] = [];
  /** Requests served for the JWKS: how often the bridge read it. */
  reads = 0;
  private server: Server | undefined;
  private counter = 0;

  constructor(
    readonly issuer: string,
    readonly audience: string,
    /** Signature algorithm of every key (EdDSA signs ~100× faster than RS256, for tests that sign thousands). */
    readonly algorithm: 'RS256' | 'ES256' | 'EdDSA' = 'RS256',
  ) {}

  /** Makes a key pair; `publish`: add its public half to the JWKS. */
  async newKey(publish = true): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair(this.algorithm, { extractable: true });
    const kid = `key-${++this.counter}-${Date.now().toString(36)}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: this.algorithm, use: 'sig' };
    const key = { kid, privateKey, publicJwk };
    if (publish) this.published.push(key);
    return key;
  }

  unpublish(key: SigningKey): void {
    const i = this.published.indexOf(key);
    if (i >= 0) this.published.splice(i, 1);
  }

  async sign(payload: JWTPayload, options: SignOptions = {}): Promise<string> {
    const key = options.key ?? this.published.at(-1);
    if (!key) throw new Error('no signing key: call newKey() first');
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT(payload)
      .setProtectedHeader({ alg: this.algorithm, kid: options.kid ?? key.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? this.issuer)
      .setAudience(options.audience ?? this.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expiresIn ?? 3600));
    if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
    return jwt.sign(key.privateKey);
  }

  /** Serves the JWKS on 127.0.0.1 (port 0: any free port); returns its URL. */
  async listen(port = 0): Promise<string> {
    const server = createServer((req, res) => {
      if (req.method === 'GET' && req.url === '/jwks.json') {
        this.reads++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: this.published.map((k) => k.publicJwk) }));
        return;
      }
      res.writeHead(404).end();
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  }

  close(): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve();
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  }
}

/** The claims Stargate's JWT set-ups carry: the role and row claims under stargate_claims. */
export function stargateClaims(role: string, columns: Record<string, string> = {}): JWTPayload {
  const claims: Record<string, string> = { 'x-stargate-role': role };
  for (const [column, value] of Object.entries(columns)) claims[`x-stargate-${column}`] = value;
  return { stargate_claims: claims };
}
