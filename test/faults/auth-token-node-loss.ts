// `npm run faults:auth-tokens`: auth tokens survive the loss of a Cassandra node once their keyspace
// has three replicas, on a 3-node cluster of its own (tools/cassandra-local, 127.0.0.50–52, data in
// .local/auth-rf-cassandra; the fault suite's cluster on .40–.42 and the tests' node on .1 are left
// alone). Two bridges and a REST API run in this process on ephemeral ports. In order:
//   1. race: two bridges start at once on the fresh cluster and log in at once: both get a token
//      (they race to create data_endpoint_auth; a first login once answered 400 "unconfigured table");
//   2. the defect: with the default replication (SimpleStrategy, one replica) tokens are issued,
//      node 3 is killed, and the tokens it held stop working (this shows the check below can fail);
//   3. the fix on an existing cluster: bridges restarted with BRIDGE_AUTH_KEYSPACE_REPLICATION = three
//      replicas and BRIDGE_AUTH_KEYSPACE_ALTER=true alter the keyspace and say a repair is needed,
//      `nodetool repair -full` runs, more tokens are issued, node 2 is killed with SIGKILL, and every
//      token (old and new) still validates through REST, and a login still works.
// Exit status: 0 every check met, 1 one missed, 3 the harness failed. Not part of `npm test` (a 3-node
// start takes 3–6 minutes on a 2-core machine and about 4 GB of heap); `--keep-cluster` leaves the nodes running for the next run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import cassandra from 'cassandra-driver';
import { startBridge } from '../../services/bridge/src/bridge.js';
import { type BridgeConfig, bridgeConfigSchemas } from '../../services/bridge/src/config.js';
import type { RunningHttpApi } from '../../services/common/src/api/start-http-api.js';
import { AUTH_KEYSPACE } from '../../services/common/src/auth/private-keyspaces.js';
import { loadConfig } from '../../services/common/src/config/load-config.js';
import { createMetricsRegistry } from '../../services/common/src/metrics/registry.js';
import { type NodeInfo, repoRoot } from '../../tools/cassandra-local/index.js';
import { capturingLogger, type LogLine, WARN } from '../support/log-lines.js';
import { startRestHttpApi } from '../support/rest-http-api.js';
import { AUTH_CACHE_OVERRIDES, FaultCluster, type FaultClusterOptions, stopFaultCluster } from './cluster.js';
import { nodetoolRepair } from './nodetool-repair.js';
import { Teardown } from './teardown.js';

const EXIT = { met: 0, missed: 1, harness: 3 } as const;
const CLUSTER: FaultClusterOptions = {
  dataDir: join(repoRoot, '.local', 'auth-rf-cassandra'),
  nodes: 3,
  baseAddress: '127.0.0.50',
  // As the fault suite runs: auth caches valid well beyond their refresh interval.
  yamlOverrides: AUTH_CACHE_OVERRIDES,
};
const THREE_REPLICAS = "{'class': 'NetworkTopologyStrategy', 'datacenter1': 3}";
const TOKENS_PER_PHASE = 30;
const NODE_WAIT_MS = 60_000;

const startedAt = Date.now();
const log = (line: string) =>
  console.log(`[auth-tokens +${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Check {
  target: string;
  measured: string;
  pass: boolean;
}

type Bridge = Awaited<ReturnType<typeof startBridge>>;

interface RunningBridge {
  bridge: Bridge;
  address: string;
  httpUrl: string;
  lines: LogLine[];
}

async function startTestBridge(contactPoints: string, env: Record<string, string>): Promise<RunningBridge> {
  const config = loadConfig<BridgeConfig>(bridgeConfigSchemas, {
    BIND_HOST: '127.0.0.1',
    BRIDGE_GRPC_PORT: '0',
    BRIDGE_HTTP_PORT: '0',
    CASSANDRA_CONTACT_POINTS: contactPoints,
    // Every token check reads Cassandra: nothing is answered from memory while a node is down.
    BRIDGE_TOKEN_CACHE_MS: '0',
    ...env,
  });
  const { logger, lines } = capturingLogger();
  const bridge = await startBridge(config, logger, createMetricsRegistry('bridge'));
  await bridge.session.start();
  return {
    bridge,
    address: `127.0.0.1:${bridge.grpcPort}`,
    httpUrl: `http://127.0.0.1:${bridge.httpPort}`,
    lines,
  };
}

async function startRest(bridges: RunningBridge[]): Promise<{ api: RunningHttpApi; url: string }> {
  const api = await startRestHttpApi({
    BRIDGE_ADDRESS: bridges.map((b) => b.address).join(','),
    LOG_LEVEL: 'silent',
    REJECTED_TOKEN_CACHE_MS: '0',
  });
  return { api, url: `http://127.0.0.1:${api.port}` };
}

/** POST /v1/auth as the superuser: the status and, on 201, the token. */
async function login(bridge: RunningBridge): Promise<{ status: number; token?: string; body: string }> {
  const res = await fetch(`${bridge.httpUrl}/v1/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'cassandra', password: 'cassandra' }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = await res.text();
  if (res.status !== 201) return { status: res.status, body };
  return { status: res.status, token: (JSON.parse(body) as { authToken: string }).authToken, body };
}

async function issueTokens(bridges: RunningBridge[], count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const result = await login(bridges[i % bridges.length]!);
    if (!result.token) throw new Error(`login failed: ${result.status} ${result.body}`);
    tokens.push(result.token);
  }
  return tokens;
}

/** Each token used once through REST, all at once: HTTP status → how many. */
async function validate(restUrl: string, tokens: string[]): Promise<Record<string, number>> {
  const statuses = await Promise.all(
    tokens.map(async (token) => {
      try {
        const res = await fetch(`${restUrl}/v2/schemas/keyspaces`, {
          headers: { 'x-cassandra-token': token },
          signal: AbortSignal.timeout(30_000),
        });
        await res.arrayBuffer();
        return String(res.status);
      } catch (err) {
        return `error: ${(err as Error).message}`;
      }
    }),
  );
  const counts: Record<string, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}

const show = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([status, n]) => `${n}× ${status}`)
    .join(', ');

/** Waits until every bridge's driver sees the node as `up` (its connections closed, or back). */
async function driversSee(bridges: RunningBridge[], node: NodeInfo, up: boolean): Promise<void> {
  const deadline = Date.now() + NODE_WAIT_MS;
  for (const { bridge } of bridges) {
    for (;;) {
      const host = bridge.session
        .main()
        .hosts.values()
        .find((h) => h.address.startsWith(`${node.address}:`));
      if (host && host.isUp() === up) break;
      if (Date.now() > deadline)
        throw new Error(`the bridges' driver did not see node ${node.index} ${up ? 'up' : 'down'}`);
      await sleep(100);
    }
  }
}

async function restart(cluster: FaultCluster, index: number, bridges: RunningBridge[]): Promise<void> {
  const marks = cluster.logMarks();
  await cluster.restart(index);
  // A minute for each other node to log it up.
  if ((await cluster.waitSeenUp(index, marks, NODE_WAIT_MS * (CLUSTER.nodes - 1))) === undefined) {
    throw new Error(`node ${index} and the other nodes did not see each other up`);
  }
  await driversSee(bridges, cluster.node(index), true);
  log(`node ${index} is back and seen up`);
}

async function closeAll(bridges: RunningBridge[], rest: { api: RunningHttpApi } | undefined): Promise<void> {
  await rest?.api.close();
  await Promise.all(bridges.map((b) => b.bridge.close(1000)));
}

async function replicationOf(
  contactPoints: string[],
  keyspace: string,
): Promise<Record<string, string> | undefined> {
  const client = new cassandra.Client({
    contactPoints,
    localDataCenter: 'datacenter1',
    credentials: { username: 'cassandra', password: 'cassandra' },
  });
  try {
    const rs = await client.execute(
      'SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?',
      [keyspace],
    );
    return rs.first()?.get('replication') as Record<string, string> | undefined;
  } finally {
    await client.shutdown();
  }
}

async function dropAuthKeyspace(contactPoints: string[]): Promise<void> {
  const client = new cassandra.Client({
    contactPoints,
    localDataCenter: 'datacenter1',
    credentials: { username: 'cassandra', password: 'cassandra' },
    socketOptions: { readTimeout: 60_000 },
  });
  try {
    await client.execute(`DROP KEYSPACE IF EXISTS ${AUTH_KEYSPACE}`);
  } finally {
    await client.shutdown();
  }
}

async function run(
  keepCluster: boolean,
  teardown: Teardown,
  checks: Check[],
  figures: Record<string, unknown>,
) {
  const clusterStart = Date.now();
  const cluster = await FaultCluster.start(log, undefined, CLUSTER);
  if (!keepCluster) teardown.add('cluster', () => stopFaultCluster(log, CLUSTER));
  figures.clusterStartS = (Date.now() - clusterStart) / 1000;
  const contactPoints = cluster.contactPoints.join(',');
  const node = (index: number) => cluster.node(index);
  // A reused cluster may hold the keyspace from an earlier run: every run starts without it.
  if (cluster.alreadyRunning) await dropAuthKeyspace(cluster.contactPoints);

  // 1. Two bridges start at once and log in at once on a cluster without the token keyspace.
  let bridges = await Promise.all([startTestBridge(contactPoints, {}), startTestBridge(contactPoints, {})]);
  let rest: { api: RunningHttpApi; url: string } | undefined;
  teardown.add('services', () => closeAll(bridges, rest));
  const race = await Promise.all(bridges.map((b) => login(b)));
  figures.raceLogins = race.map((r) => r.status);
  checks.push({
    target: 'race: two bridges starting at once both issue the first token (201)',
    measured: race.map((r) => `${r.status}${r.token ? '' : ` ${r.body}`}`).join(', '),
    pass: race.every((r) => r.status === 201),
  });

  // 2. The default replication (one replica): tokens on the killed node stop working.
  rest = await startRest(bridges);
  const defaultTokens = await issueTokens(bridges, TOKENS_PER_PHASE);
  const before = await validate(rest.url, defaultTokens);
  await cluster.kill(3);
  await driversSee(bridges, node(3), false);
  const oneReplica = await validate(rest.url, defaultTokens);
  figures.oneReplica = { before, nodeDown: oneReplica };
  checks.push({
    target: `one replica (the default): tokens stored on the killed node fail (the defect this run proves fixed)`,
    measured: `before the kill: ${show(before)}; node 3 down: ${show(oneReplica)}`,
    pass: before['200'] === TOKENS_PER_PHASE && (oneReplica['200'] ?? 0) < TOKENS_PER_PHASE,
  });
  await restart(cluster, 3, bridges);

  // 3. Bridges told three replicas and to alter: the keyspace is altered, repaired, and survives a node.
  await closeAll(bridges, rest);
  rest = undefined;
  const fixed = { BRIDGE_AUTH_KEYSPACE_REPLICATION: THREE_REPLICAS, BRIDGE_AUTH_KEYSPACE_ALTER: 'true' };
  bridges = await Promise.all([startTestBridge(contactPoints, fixed), startTestBridge(contactPoints, fixed)]);
  // A login runs the schema step (and its replication check) at once.
  await Promise.all(bridges.map((b) => login(b)));
  const altered = bridges
    .flatMap((b) => b.lines)
    .filter((l) => l.level === WARN && /^altered keyspace/.test(l.msg));
  const replication = await replicationOf(cluster.contactPoints, AUTH_KEYSPACE);
  figures.altered = { warnings: altered.map((l) => l.msg), replication };
  checks.push({
    target:
      'BRIDGE_AUTH_KEYSPACE_ALTER=true: the keyspace is altered to three replicas and the log says a repair is needed',
    measured: `${altered.length} "altered" warning(s); replication now ${JSON.stringify(replication)}`,
    pass:
      altered.length >= 1 &&
      altered.every((l) =>
        l.msg.includes('a repair is needed now: nodetool repair -full data_endpoint_auth'),
      ) &&
      replication?.datacenter1 === '3',
  });
  const repairStart = Date.now();
  const repairOut = await nodetoolRepair(CLUSTER, node(1), AUTH_KEYSPACE, log);
  const repairS = (Date.now() - repairStart) / 1000;
  figures.repair = { seconds: repairS, output: repairOut.trim().split('\n').slice(-3) };
  log(`nodetool repair -full ${AUTH_KEYSPACE} on node 1 took ${repairS.toFixed(1)} s`);

  rest = await startRest(bridges);
  const newTokens = await issueTokens(bridges, TOKENS_PER_PHASE);
  const all = [...defaultTokens, ...newTokens];
  const whole = await validate(rest.url, all);
  await cluster.kill(2);
  await driversSee(bridges, node(2), false);
  const threeReplicas = await validate(rest.url, all);
  const loginWhileDown = await Promise.all(bridges.map((b) => login(b)));
  figures.threeReplicas = {
    whole,
    nodeDown: threeReplicas,
    loginWhileDown: loginWhileDown.map((l) => l.status),
  };
  checks.push({
    target: `three replicas: with node 2 killed every token (${TOKENS_PER_PHASE} issued before the ALTER and repair, ${TOKENS_PER_PHASE} after) validates through REST`,
    measured: `cluster whole: ${show(whole)}; node 2 down: ${show(threeReplicas)}`,
    pass: whole['200'] === all.length && threeReplicas['200'] === all.length,
  });
  checks.push({
    target: 'three replicas: a login with node 2 down issues a token (201) on each bridge',
    measured: loginWhileDown.map((l) => `${l.status}${l.token ? '' : ` ${l.body}`}`).join(', '),
    pass: loginWhileDown.every((l) => l.status === 201),
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'keep-cluster': { type: 'boolean', default: false } } });
  const teardown = new Teardown(log);
  teardown.installExitHandlers(EXIT.harness);
  const checks: Check[] = [];
  const figures: Record<string, unknown> = {};
  let harnessError: unknown;
  try {
    await run(values['keep-cluster'] ?? false, teardown, checks, figures);
  } catch (err) {
    harnessError = err;
    log(`the harness failed: ${(err as Error)?.stack ?? String(err)}`);
  } finally {
    await teardown.run();
  }
  console.log('');
  for (const c of checks) console.log(`${c.pass ? 'met   ' : 'MISSED'} ${c.target}\n       ${c.measured}`);
  const outDir = join(repoRoot, '.local', 'faults');
  mkdirSync(outDir, { recursive: true });
  const out = join(
    outDir,
    `auth-token-node-loss-${new Date(startedAt).toISOString().replace(/[:.]/g, '-')}.json`,
  );
  writeFileSync(
    out,
    `${JSON.stringify({ checks, figures, error: harnessError && String(harnessError) }, null, 2)}\n`,
  );
  log(`report: ${out} (${((Date.now() - startedAt) / 1000).toFixed(0)} s in all)`);
  if (harnessError !== undefined) return EXIT.harness;
  return checks.length > 0 && checks.every((c) => c.pass) ? EXIT.met : EXIT.missed;
}

// Explicit exit: a client socket or timer left open must not keep a finished run alive.
process.exit(await main());
