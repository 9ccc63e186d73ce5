// The diagnostic handshake against real loopback servers: a TLS server, one that requires a client
// certificate, and a plaintext one.
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createTcpServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeTlsHandshake } from '../../../../services/common/src/tls/probe-tls-handshake.js';
import { issueCertificate, makeCa, type PemPair } from '../../../support/tls-certificates.js';

const dir = mkdtempSync(join(tmpdir(), 'tls-probe-'));
let ca: PemPair;
let client: PemPair;
const servers: Server[] = [];

async function listen(server: Server): Promise<number> {
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as { port: number }).port;
}

let tlsPort: number;
let mutualPort: number;
let plainPort: number;

beforeAll(async () => {
  ca = makeCa(dir, 'ca');
  const serverPair = issueCertificate(ca, dir, 'server', {
    commonName: 'server',
    ipAddresses: ['127.0.0.1'],
  });
  client = issueCertificate(ca, dir, 'client', { commonName: 'client' });
  const identity = { cert: readFileSync(serverPair.certFile), key: readFileSync(serverPair.keyFile) };
  tlsPort = await listen(createTlsServer(identity, (socket) => socket.resume()));
  mutualPort = await listen(
    createTlsServer(
      { ...identity, ca: readFileSync(ca.certFile), requestCert: true, rejectUnauthorized: true },
      (socket) => socket.resume(),
    ),
  );
  // Answers like a CQL node without TLS would: drops what it cannot parse.
  plainPort = await listen(createTcpServer((socket) => socket.once('data', () => socket.destroy())));
});

afterAll(() => {
  for (const server of servers) server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('probeTlsHandshake', () => {
  it('accepted by a TLS server that trusts us', async () => {
    expect(await probeTlsHandshake('127.0.0.1', tlsPort, { ca: readFileSync(ca.certFile) })).toEqual({
      kind: 'accepted',
    });
    const pair = { cert: readFileSync(client.certFile), key: readFileSync(client.keyFile) };
    expect(
      await probeTlsHandshake('127.0.0.1', mutualPort, { ca: readFileSync(ca.certFile), ...pair }),
    ).toEqual({
      kind: 'accepted',
    });
  });

  it('refused: a certificate we do not trust, or no client certificate where one is required', async () => {
    const untrusted = await probeTlsHandshake('127.0.0.1', tlsPort, {});
    expect(untrusted).toMatchObject({ kind: 'refused', failure: { kind: 'untrusted-certificate' } });
    const noCertificate = await probeTlsHandshake('127.0.0.1', mutualPort, { ca: readFileSync(ca.certFile) });
    expect(noCertificate).toMatchObject({
      kind: 'refused',
      failure: { kind: 'client-certificate-required' },
    });
  });

  it('not TLS: a plaintext server; unreachable: nothing listening', async () => {
    expect(await probeTlsHandshake('127.0.0.1', plainPort, { rejectUnauthorized: false })).toMatchObject({
      kind: 'not-tls',
    });
    const closed = await listen(createTcpServer());
    servers.pop()?.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await probeTlsHandshake('127.0.0.1', closed, { rejectUnauthorized: false })).toMatchObject({
      kind: 'unreachable',
    });
  });
});
