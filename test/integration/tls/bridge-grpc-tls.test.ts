// The API → bridge hop over mutual TLS: a bridge whose gRPC listener serves TLS and requires client
// certificates (BRIDGE_GRPC_TLS_*), the REST and gRPC APIs verifying it (BRIDGE_TLS_*). With the
// right CA and certificate, requests go through; every wrong setting leaves the API not ready with
// /health/ready naming the cause and the setting to fix. Cassandra is the run's shared node.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../services/common/src/config/load-config.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { issueCertificate, makeCa, type PemPair } from '../../support/tls-certificates.js';
import { startTestGrpcApi } from '../grpc/support/grpc-api-harness.js';
import { connectProto, executeQuery, ok, tokenMetadata } from '../grpc/support/proto-client.js';
import { type RestApi, startRestApi } from '../rest/support/rest-api.js';

const certDir = mkdtempSync(join(tmpdir(), 'bridge-grpc-tls-it-'));
let ca: PemPair;
let otherCa: PemPair;
let apiCert: PemPair;
let strangerCert: PemPair;
/** Requires TLS and client certificates of `ca`. */
let bridge: TestBridge;
/** Plaintext, as by default. */
let plainBridge: TestBridge;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  ca = makeCa(certDir, 'gateway-ca');
  otherCa = makeCa(certDir, 'other-ca');
  const bridgeCert = issueCertificate(ca, certDir, 'bridge', {
    commonName: 'stargate-bridge',
    ipAddresses: ['127.0.0.1'],
    dnsNames: ['stargate-bridge'],
  });
  apiCert = issueCertificate(ca, certDir, 'api', { commonName: 'stargate-api' });
  strangerCert = issueCertificate(otherCa, certDir, 'stranger', { commonName: 'stranger' });
  bridge = await startTestBridge({
    BRIDGE_GRPC_TLS_CERT_FILE: bridgeCert.certFile,
    BRIDGE_GRPC_TLS_KEY_FILE: bridgeCert.keyFile,
    BRIDGE_GRPC_TLS_CLIENT_CA_FILE: ca.certFile,
  });
  plainBridge = await startTestBridge();
}, 120_000);

afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await bridge?.close();
  await plainBridge?.close();
  rmSync(certDir, { recursive: true, force: true });
});

const mutualTls = (overrides: Record<string, string> = {}): Record<string, string> => ({
  BRIDGE_TLS_CA_FILE: ca.certFile,
  BRIDGE_TLS_CERT_FILE: apiCert.certFile,
  BRIDGE_TLS_KEY_FILE: apiCert.keyFile,
  ...overrides,
});

async function restApi(env: Record<string, string>, to: TestBridge = bridge): Promise<RestApi> {
  const api = await startRestApi(env, { bridge: to });
  closers.push(() => api.close());
  return api;
}

/** The API's readiness once its first probe of the bridge has answered. */
async function readiness(api: RestApi): Promise<{ status: number; detail?: string }> {
  let last = { status: 0, detail: undefined as string | undefined };
  await expect
    .poll(
      async () => {
        const res = await fetch(`${api.url}/health/ready`);
        const body = (await res.json()) as { detail?: string };
        last = { status: res.status, detail: body.detail };
        return res.status === 200 || body.detail !== undefined;
      },
      { timeout: 20_000, interval: 200 },
    )
    .toBe(true);
  return last;
}

describe('API → bridge over mutual TLS', () => {
  it('serves REST and gRPC requests through a bridge that requires client certificates', async () => {
    const rest = await restApi(mutualTls());
    expect((await readiness(rest)).status).toBe(200);
    const keyspaces = await rest.get('/v2/schemas/keyspaces');
    expect(keyspaces.status).toBe(200);
    expect(keyspaces.body.data.map((k: { name: string }) => k.name)).toContain('system');

    const grpcApi = await startTestGrpcApi(bridge.address, mutualTls());
    closers.push(() => grpcApi.close(0));
    const client = connectProto(grpcApi.address);
    try {
      const response = await ok(
        executeQuery(
          client,
          { cql: 'SELECT release_version FROM system.local' },
          tokenMetadata(bridge.token),
        ),
      );
      expect(response.resultSet).toBeDefined();
    } finally {
      client.close();
    }
  });

  it('checks the bridge certificate against BRIDGE_TLS_SERVER_NAME when set', async () => {
    const named = await restApi(
      mutualTls({ BRIDGE_ADDRESS: bridge.address, BRIDGE_TLS_SERVER_NAME: 'stargate-bridge' }),
    );
    expect((await readiness(named)).status).toBe(200);

    const wrong = await restApi(mutualTls({ BRIDGE_TLS_SERVER_NAME: 'bridge.example.com' }));
    const { status, detail } = await readiness(wrong);
    expect(status).toBe(503);
    expect(detail).toContain(
      `TLS to the bridge at ${bridge.address} failed: its certificate is not valid for bridge.example.com`,
    );
    expect(detail).toContain('set BRIDGE_TLS_SERVER_NAME to a name the certificate carries');
  });

  it('an API without the right CA is not ready and says the bridge certificate is not signed by its CA', async () => {
    const api = await restApi(mutualTls({ BRIDGE_TLS_CA_FILE: otherCa.certFile }));
    const { status, detail } = await readiness(api);
    expect(status).toBe(503);
    // Node's reason depends on the chain the bridge sends: either is the same cause.
    const reason = '(self-signed certificate in certificate chain|unable to verify the first certificate)';
    expect(detail).toMatch(
      new RegExp(
        `^TLS to the bridge at ${bridge.address} failed: its certificate is not signed by a CA of ` +
          `BRIDGE_TLS_CA_FILE \\(${otherCa.certFile}\\) \\(${reason}\\); set BRIDGE_TLS_CA_FILE to the CA that signed it$`,
      ),
    );
    // And its requests are refused as unavailable, not hung.
    expect((await api.get('/v2/schemas/keyspaces')).status).toBeGreaterThanOrEqual(500);
  });

  it('names a missing or refused client certificate', async () => {
    const none = await restApi({ BRIDGE_TLS_CA_FILE: ca.certFile });
    expect((await readiness(none)).detail).toContain(
      `the bridge at ${bridge.address} refused the TLS connection: it requires a client certificate ` +
        '(BRIDGE_GRPC_TLS_CLIENT_CA_FILE) and none was sent',
    );

    const stranger = await restApi(
      mutualTls({ BRIDGE_TLS_CERT_FILE: strangerCert.certFile, BRIDGE_TLS_KEY_FILE: strangerCert.keyFile }),
    );
    expect((await readiness(stranger)).detail).toContain(
      `the bridge at ${bridge.address} refused the TLS connection: it does not accept the client certificate of BRIDGE_TLS_CERT_FILE`,
    );
  });

  it('names TLS on one side only', async () => {
    const plaintextApi = await restApi({});
    expect((await readiness(plaintextApi)).detail).toContain(
      `the bridge at ${bridge.address} requires TLS (BRIDGE_GRPC_TLS_CERT_FILE) and this connection was plaintext`,
    );

    const tlsApi = await restApi(mutualTls(), plainBridge);
    expect((await readiness(tlsApi)).detail).toContain(
      `TLS to the bridge at ${plainBridge.address} failed: it does not speak TLS on this port`,
    );
  });

  it('refuses to start with a TLS file it cannot read, or half a TLS configuration', async () => {
    await expect(restApi(mutualTls({ BRIDGE_TLS_CA_FILE: join(certDir, 'missing.crt') }))).rejects.toThrow(
      new ConfigError(`BRIDGE_TLS_CA_FILE=${join(certDir, 'missing.crt')} cannot be read (ENOENT)`),
    );
    await expect(restApi(mutualTls({ BRIDGE_TLS_CERT_FILE: apiCert.keyFile }))).rejects.toThrow(
      `BRIDGE_TLS_CERT_FILE=${apiCert.keyFile} holds no PEM certificate`,
    );
    await expect(restApi(mutualTls({ BRIDGE_TLS_KEY_FILE: strangerCert.keyFile }))).rejects.toThrow(
      `BRIDGE_TLS_KEY_FILE=${strangerCert.keyFile} is not the private key of the certificate in BRIDGE_TLS_CERT_FILE`,
    );
    await expect(restApi({ BRIDGE_TLS_CERT_FILE: apiCert.certFile })).rejects.toThrow(
      'BRIDGE_TLS_CERT_FILE is set but BRIDGE_TLS_CA_FILE is not',
    );
  });
});
