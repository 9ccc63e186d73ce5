// The bridge reaches a Cassandra node that requires TLS (client_encryption_options: enabled,
// optional: false, require_client_auth: true; JKS keystore and truststore made with keytool, as in
// K8ssandra's clientEncryptionStores). One node, started once for every case, on its own address.
// With the right CA and client certificate the bridge connects and runs queries; every wrong
// setting is refused, and the log line and /health/ready name the cause and the setting to fix.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bridge, startBridge } from '../../../services/bridge/src/bridge.js';
import { type BridgeConfig, bridgeConfigSchemas } from '../../../services/bridge/src/config.js';
import { BridgeClient } from '../../../services/common/src/bridge/bridge-client.js';
import { loadConfig } from '../../../services/common/src/config/load-config.js';
import { createMetricsRegistry } from '../../../services/common/src/metrics/registry.js';
import {
  type ClusterOptions,
  DEFAULT_CASSANDRA_VERSION,
  defaultDataDir,
  repoRoot,
  startCluster,
  stopCluster,
} from '../../../tools/cassandra-local/index.js';
import { classpathCacheFile } from '../../../tools/cassandra-local/resolve-classpath.js';
import { loginAt } from '../../support/bridge-harness.js';
import {
  issueCertificate,
  javaKeystore,
  javaTruststore,
  makeCa,
  type PemPair,
} from '../../support/tls-certificates.js';

const NODE = '127.0.0.60';
const CONTACT_POINT = `${NODE}:9042`;
const certDir = mkdtempSync(join(tmpdir(), 'cassandra-tls-it-'));
const starting = new AbortController();
const cluster: ClusterOptions = {
  dataDir: join(repoRoot, '.local', 'tls-cassandra'),
  baseAddress: NODE,
  heapMb: 768,
  log: () => undefined,
  signal: starting.signal,
};
let ca: PemPair;
let otherCa: PemPair;
let bridgeCert: PemPair;
let strangerCert: PemPair;
let clusterStart: Promise<unknown> | undefined;

beforeAll(async () => {
  ca = makeCa(certDir, 'cluster-ca');
  otherCa = makeCa(certDir, 'other-ca');
  const nodeCert = issueCertificate(ca, certDir, 'node', {
    commonName: 'cassandra node',
    ipAddresses: [NODE],
    dnsNames: ['cassandra-dc1-service.stargate.svc'],
  });
  bridgeCert = issueCertificate(ca, certDir, 'bridge', { commonName: 'stargate-bridge' });
  strangerCert = issueCertificate(otherCa, certDir, 'stranger', { commonName: 'stranger' });
  cluster.clientEncryption = {
    keystore: javaKeystore(nodeCert, ca, join(certDir, 'keystore.jks'), 'keystore-secret'),
    keystorePassword: 'keystore-secret',
    truststore: javaTruststore(ca, join(certDir, 'truststore.jks'), 'truststore-secret'),
    truststorePassword: 'truststore-secret',
    requireClientAuth: true,
    // The launcher's readiness probe logs in with a client certificate too.
    clientCertFile: bridgeCert.certFile,
    clientKeyFile: bridgeCert.keyFile,
  };
  // Reuse the jars the shared folder already resolved (saves a Maven run).
  const shared = classpathCacheFile(defaultDataDir, DEFAULT_CASSANDRA_VERSION);
  mkdirSync(cluster.dataDir!, { recursive: true });
  if (existsSync(shared))
    copyFileSync(shared, classpathCacheFile(cluster.dataDir!, DEFAULT_CASSANDRA_VERSION));
  // A node a crashed earlier run left behind would hold other certificates.
  await stopCluster(cluster);
  clusterStart = startCluster(cluster);
  await clusterStart;
}, 400_000);

afterAll(async () => {
  // Whatever happened: a start still under way is aborted (it stops its node), then every node stops.
  starting.abort();
  await clusterStart?.catch(() => undefined);
  await stopCluster({ ...cluster, signal: undefined }).catch(() => undefined);
  rmSync(certDir, { recursive: true, force: true });
}, 120_000);

interface LogLine {
  level: number;
  msg: string;
  err?: string;
}

interface BridgeUnderTest {
  bridge: Bridge;
  lines: LogLine[];
  httpUrl: string;
  ready(): Promise<{ status: number; detail?: string }>;
  close(): Promise<void>;
}

const open: BridgeUnderTest[] = [];

async function startTlsBridge(env: Record<string, string>): Promise<BridgeUnderTest> {
  const config = loadConfig<BridgeConfig>(bridgeConfigSchemas, {
    BIND_HOST: '127.0.0.1',
    BRIDGE_GRPC_PORT: '0',
    BRIDGE_HTTP_PORT: '0',
    CASSANDRA_CONTACT_POINTS: CONTACT_POINT,
    CASSANDRA_REQUEST_TIMEOUT_MS: '5000',
    ...env,
  });
  const lines: LogLine[] = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => lines.push(JSON.parse(line) as LogLine) },
  );
  const bridge = await startBridge(config, logger, createMetricsRegistry('bridge'));
  const httpUrl = `http://127.0.0.1:${bridge.httpPort}`;
  const running: BridgeUnderTest = {
    bridge,
    lines,
    httpUrl,
    async ready() {
      const res = await fetch(`${httpUrl}/health/ready`);
      const body = (await res.json()) as { detail?: string };
      return { status: res.status, detail: body.detail };
    },
    close: () => bridge.close(0),
  };
  open.push(running);
  return running;
}

afterAll(async () => {
  await Promise.all(open.map((b) => b.close().catch(() => undefined)));
});

const tlsEnv = (overrides: Record<string, string> = {}): Record<string, string> => ({
  BRIDGE_CASSANDRA_TLS_ENABLED: 'true',
  BRIDGE_CASSANDRA_TLS_CA_FILE: ca.certFile,
  BRIDGE_CASSANDRA_TLS_CERT_FILE: bridgeCert.certFile,
  BRIDGE_CASSANDRA_TLS_KEY_FILE: bridgeCert.keyFile,
  ...overrides,
});

/** Waits until readiness says not ready with a detail (the first connection attempt has failed). */
async function refusal(b: BridgeUnderTest): Promise<string> {
  let detail = '';
  await expect
    .poll(
      async () => {
        const ready = await b.ready();
        detail = ready.detail ?? '';
        return ready.status === 503 && !detail.endsWith('connecting');
      },
      { timeout: 30_000, interval: 250 },
    )
    .toBe(true);
  return detail;
}

describe('bridge → Cassandra over TLS (node on 127.0.0.60 requires TLS and a client certificate)', () => {
  it('connects with the CA and a client certificate, logs in users and runs queries', async () => {
    const b = await startTlsBridge(tlsEnv());
    await b.bridge.session.start();
    expect((await b.ready()).status).toBe(200);
    // POST /v1/auth checks the password by a login of its own: over TLS too.
    const token = await loginAt(b.httpUrl, 'cassandra', 'cassandra');
    const client = new BridgeClient({
      address: `127.0.0.1:${b.bridge.grpcPort}`,
      sourceApi: 'rest',
      deadlineMs: 30_000,
      keepaliveMs: 60_000,
      logger: pino({ level: 'silent' }),
    });
    try {
      const response = await client.executeQuery(
        { cql: 'SELECT release_version FROM system.local' },
        { token },
      );
      expect(response.resultSet?.rows?.[0]?.values?.[0]?.string).toMatch(/^5\.0\./);
    } finally {
      client.close();
    }
    expect(b.lines.find((l) => l.msg === 'bridge listening')).toMatchObject({ cassandraTls: true });
  });

  it('refuses a node whose certificate is not signed by BRIDGE_CASSANDRA_TLS_CA_FILE, saying so', async () => {
    const b = await startTlsBridge(tlsEnv({ BRIDGE_CASSANDRA_TLS_CA_FILE: otherCa.certFile }));
    const detail = await refusal(b);
    expect(detail).toContain(
      `TLS to Cassandra node ${CONTACT_POINT} failed: its certificate is not signed by a CA of ` +
        `BRIDGE_CASSANDRA_TLS_CA_FILE (${otherCa.certFile})`,
    );
    expect(detail).not.toContain('All host(s) tried');
    const logged = b.lines.find((l) => l.msg === 'TLS connection to Cassandra failed');
    expect(logged?.err).toContain('its certificate is not signed by a CA of BRIDGE_CASSANDRA_TLS_CA_FILE');
  });

  it('refuses a certificate that does not carry the name checked, unless hostname checks are off', async () => {
    const wrong = await startTlsBridge(tlsEnv({ BRIDGE_CASSANDRA_TLS_SERVER_NAME: 'cassandra.example.com' }));
    expect(await refusal(wrong)).toContain(
      `TLS to Cassandra node ${CONTACT_POINT} failed: its certificate is not valid for cassandra.example.com`,
    );

    // The name the node's certificate carries is accepted for the node...
    const named = await startTlsBridge(
      tlsEnv({ BRIDGE_CASSANDRA_TLS_SERVER_NAME: 'cassandra-dc1-service.stargate.svc' }),
    );
    await named.bridge.session.start();
    expect((await named.ready()).status).toBe(200);

    // ...and with BRIDGE_CASSANDRA_TLS_VERIFY_HOSTNAME=false any name is, the CA still checked.
    const unchecked = await startTlsBridge(
      tlsEnv({
        BRIDGE_CASSANDRA_TLS_SERVER_NAME: 'cassandra.example.com',
        BRIDGE_CASSANDRA_TLS_VERIFY_HOSTNAME: 'false',
      }),
    );
    await unchecked.bridge.session.start();
    expect((await unchecked.ready()).status).toBe(200);
  });

  it('names a plaintext bridge in front of a node that requires TLS', async () => {
    const b = await startTlsBridge({});
    expect(await refusal(b)).toContain(
      `Cassandra node ${CONTACT_POINT} requires TLS (client_encryption_options) ` +
        'and this connection was plaintext',
    );
    expect(await refusal(b)).toContain(
      'set BRIDGE_CASSANDRA_TLS_ENABLED=true and BRIDGE_CASSANDRA_TLS_CA_FILE',
    );
  });

  it('names a missing or refused client certificate (require_client_auth)', async () => {
    const none = await startTlsBridge(
      tlsEnv({ BRIDGE_CASSANDRA_TLS_CERT_FILE: '', BRIDGE_CASSANDRA_TLS_KEY_FILE: '' }),
    );
    expect(await refusal(none)).toContain(
      `Cassandra node ${CONTACT_POINT} refused the TLS connection: it requires a client certificate`,
    );

    const stranger = await startTlsBridge(
      tlsEnv({
        BRIDGE_CASSANDRA_TLS_CERT_FILE: strangerCert.certFile,
        BRIDGE_CASSANDRA_TLS_KEY_FILE: strangerCert.keyFile,
      }),
    );
    expect(await refusal(stranger)).toContain(
      `Cassandra node ${CONTACT_POINT} refused the TLS connection: it does not accept the client certificate of BRIDGE_CASSANDRA_TLS_CERT_FILE`,
    );
  });

  it('names a TLS bridge in front of a plaintext node (the shared node on 127.0.0.1)', async () => {
    const b = await startTlsBridge(tlsEnv({ CASSANDRA_CONTACT_POINTS: '127.0.0.1:9042' }));
    expect(await refusal(b)).toContain(
      'TLS to Cassandra node 127.0.0.1:9042 failed: it does not speak TLS on this port',
    );
  });
});
