// `npx tsx test/faults/counter-crash-repro.ts [--sync periodic|batch|group] [--rounds 3]
//   [--before 500] [--after 50] [--concurrency 1] [--repair before|after]`: shows, without any gateway,
// whether Cassandra keeps acknowledged counter increments when the replica that led them is killed
// with SIGKILL. Its own 3-node cluster (tools/cassandra-local, 127.0.0.70–72, data in
// .local/counters-cassandra), keyspace hc_ks with three replicas. Each round:
//   1. a client pinned to node 2 sends N (--before) increments of a fresh counter at LOCAL_QUORUM,
//      --concurrency at a time (node 2 coordinates, so it leads every increment: it reads its local
//      shard and writes clock+1);
//   2. node 2 is killed with SIGKILL at once, started again, and waited for until every node sees
//      every other node up;
//   3. optionally `nodetool repair -full hc_ks` runs on node 2 (--repair before|after the step 4);
//   4. M (--after) more increments go through node 2 again, one after the other;
//   5. the counter is read at ALL through node 1 and compared with the acknowledged increments.
// Cassandra's counter design predicts: with commitlog_sync periodic, node 2 replays only the commitlog
// up to its last sync marker (every 100 ms for an uncompressed commitlog; a SIGKILL leaves the page
// cache intact), so it restarts with an older local shard than its peers hold, and min(K, M)
// acknowledged increments are lost (K: those of its last marker interval). With commitlog_sync batch
// or group an increment is acknowledged only after its fsync, and nothing is lost.
// Exit status: 0 nothing lost, 1 increments lost, 3 the harness failed. A 3-node start takes minutes
// on a 2-core machine; `--keep-cluster` leaves the nodes running.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import cassandra from 'cassandra-driver';
import { type NodeInfo, PortInUseError, repoRoot } from '../../tools/cassandra-local/index.js';
import { AUTH_CACHE_OVERRIDES, FaultCluster, type FaultClusterOptions, stopFaultCluster } from './cluster.js';
import { nodetoolRepair } from './nodetool-repair.js';

const SYNC_OVERRIDES: Record<string, Record<string, string>> = {
  // The launcher's default (and Cassandra's): fsync every 10 s, writes acknowledged before it.
  periodic: {},
  // Each write waits for its own fsync (commitlog_sync_period must then be 0).
  batch: { commitlog_sync: 'batch', commitlog_sync_period: '0ms' },
  // Writes wait for an fsync shared by every write of a 15 ms window.
  group: { commitlog_sync: 'group', commitlog_sync_group_window: '15ms', commitlog_sync_period: '0ms' },
};

const { values: args } = parseArgs({
  options: {
    sync: { type: 'string', default: 'periodic' },
    rounds: { type: 'string', default: '3' },
    before: { type: 'string', default: '500' },
    after: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '1' },
    repair: { type: 'string' },
    'keep-cluster': { type: 'boolean', default: false },
  },
});
const sync = args.sync;
const syncOverrides = SYNC_OVERRIDES[sync];
if (!syncOverrides) throw new Error(`--sync must be one of ${Object.keys(SYNC_OVERRIDES).join(', ')}`);
const repairWhen = args.repair;
if (repairWhen !== undefined && repairWhen !== 'before' && repairWhen !== 'after') {
  throw new Error('--repair must be before or after');
}
const rounds = Number(args.rounds);
const beforeCount = Number(args.before);
const afterCount = Number(args.after);
const concurrency = Number(args.concurrency);

const CLUSTER: FaultClusterOptions = {
  dataDir: join(repoRoot, '.local', 'counters-cassandra'),
  nodes: 3,
  baseAddress: '127.0.0.70',
  yamlOverrides: { ...AUTH_CACHE_OVERRIDES, ...syncOverrides },
};
const KEYSPACE = 'hc_ks';
const TABLE = 'hits';
const LEADER = 2;
const NODE_WAIT_MS = 120_000;

const startedAt = Date.now();
const log = (line: string) =>
  console.log(`[counter-crash +${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A client whose every request is coordinated by one node (its whitelist). */
function pinnedClient(cluster: FaultCluster, index: number): cassandra.Client {
  const { policies } = cassandra;
  return new cassandra.Client({
    contactPoints: cluster.contactPoints,
    localDataCenter: 'datacenter1',
    credentials: { username: 'cassandra', password: 'cassandra' },
    policies: {
      loadBalancing: new policies.loadBalancing.AllowListPolicy(
        new policies.loadBalancing.DCAwareRoundRobinPolicy('datacenter1'),
        [cluster.node(index).contactPoint],
      ),
      // Back within a second of the restart, not after an exponential backoff.
      reconnection: new policies.reconnection.ConstantReconnectionPolicy(1000),
    },
    socketOptions: { readTimeout: 30_000 },
  });
}

interface Sent {
  acked: number;
  failed: number;
  ms: number;
}

/**
 * `count` increments by 1 at LOCAL_QUORUM, `inFlight` at a time (1: one after the other); counts the
 * acknowledged ones. More in flight means more increments acknowledged in the leader's last moments.
 */
async function increment(client: cassandra.Client, key: string, count: number, inFlight = 1): Promise<Sent> {
  const cql = `UPDATE "${KEYSPACE}"."${TABLE}" SET n = n + 1 WHERE k = ?`;
  const options = { prepare: true, consistency: cassandra.types.consistencies.localQuorum };
  const started = Date.now();
  let sent = 0;
  let acked = 0;
  let failed = 0;
  const worker = async () => {
    while (sent < count) {
      sent++;
      try {
        await client.execute(cql, [key], options);
        acked++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { acked, failed, ms: Date.now() - started };
}

async function readAll(client: cassandra.Client, key: string): Promise<number> {
  const rs = await client.execute(`SELECT n FROM "${KEYSPACE}"."${TABLE}" WHERE k = ?`, [key], {
    prepare: true,
    consistency: cassandra.types.consistencies.all,
  });
  const n = rs.first()?.get('n') as cassandra.types.Long | undefined;
  return n ? n.toNumber() : 0;
}

/** Waits until the pinned client can reach its node again (the driver reconnected). */
async function waitUsable(client: cassandra.Client): Promise<void> {
  const deadline = Date.now() + NODE_WAIT_MS;
  for (;;) {
    try {
      await client.execute('SELECT release_version FROM system.local');
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(500);
    }
  }
}

/** Milliseconds `nodetool repair -full` of the keyspace took on that node. */
async function repair(node: NodeInfo): Promise<number> {
  const started = Date.now();
  await nodetoolRepair(CLUSTER, node, KEYSPACE);
  return Date.now() - started;
}

/** Starts the killed node again; its CQL port may stay taken for a moment after the SIGKILL. */
async function restartWhenPortFree(cluster: FaultCluster): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await cluster.restart(LEADER);
      return;
    } catch (err) {
      if (!(err instanceof PortInUseError) || attempt >= 30) throw err;
      await sleep(1000);
    }
  }
}

interface Round {
  round: number;
  before: Sent;
  after: Sent;
  value: number;
  lost: number;
}

async function runRound(cluster: FaultCluster, round: number): Promise<Round> {
  const key = `${sync}-${round}`;
  const leader = pinnedClient(cluster, LEADER);
  const reader = pinnedClient(cluster, 1);
  try {
    await waitUsable(leader);
    await waitUsable(reader);
    const before = await increment(leader, key, beforeCount, concurrency);
    const marks = cluster.logMarks();
    await cluster.kill(LEADER);
    log(
      `round ${round}: ${before.acked} increments acknowledged in ${before.ms} ms, then node ${LEADER} killed`,
    );
    await restartWhenPortFree(cluster);
    const seen = await cluster.waitSeenUp(LEADER, marks, NODE_WAIT_MS);
    if (seen === undefined) throw new Error(`node ${LEADER} and its peers did not see each other up`);
    await waitUsable(leader);
    if (repairWhen === 'before')
      log(`round ${round}: nodetool repair -full took ${await repair(cluster.node(LEADER))} ms`);
    const after = await increment(leader, key, afterCount);
    if (repairWhen === 'after')
      log(`round ${round}: nodetool repair -full took ${await repair(cluster.node(LEADER))} ms`);
    const value = await readAll(reader, key);
    const acked = before.acked + after.acked;
    const result = { round, before, after, value, lost: acked - value };
    log(
      `round ${round}: acknowledged ${before.acked} + ${after.acked} = ${acked} (failed ${before.failed + after.failed}), ` +
        `value at ALL ${value}, lost ${result.lost}`,
    );
    return result;
  } finally {
    await leader.shutdown();
    await reader.shutdown();
  }
}

async function createSchema(cluster: FaultCluster): Promise<void> {
  // Any node will do: right after the start the driver may still hold one of them for down.
  const client = new cassandra.Client({
    contactPoints: cluster.contactPoints,
    localDataCenter: 'datacenter1',
    credentials: { username: 'cassandra', password: 'cassandra' },
    socketOptions: { readTimeout: 60_000 },
  });
  try {
    await client.execute(
      `CREATE KEYSPACE IF NOT EXISTS "${KEYSPACE}" WITH replication = {'class': 'NetworkTopologyStrategy', 'datacenter1': 3}`,
    );
    await client.execute(
      `CREATE TABLE IF NOT EXISTS "${KEYSPACE}"."${TABLE}" (k text PRIMARY KEY, n counter)`,
    );
  } finally {
    await client.shutdown();
  }
}

async function main(): Promise<number> {
  log(
    `commitlog: ${sync} ${JSON.stringify(syncOverrides)}; ${rounds} rounds of ${beforeCount} (${concurrency} in flight) + ${afterCount} increments`,
  );
  const cluster = await FaultCluster.start(log, undefined, CLUSTER);
  const results: Round[] = [];
  try {
    await createSchema(cluster);
    for (let round = 1; round <= rounds; round++) results.push(await runRound(cluster, round));
  } finally {
    if (!args['keep-cluster']) await stopFaultCluster(log, CLUSTER);
  }
  const acked = results.reduce((sum, r) => sum + r.before.acked + r.after.acked, 0);
  const lost = results.reduce((sum, r) => sum + r.lost, 0);
  const perRound = results.map((r) => `${r.lost}/${r.before.acked + r.after.acked}`).join(', ');
  log(
    `summary (${sync}${repairWhen ? `, repair ${repairWhen}` : ''}): lost ${lost} of ${acked} acknowledged increments; per round ${perRound}`,
  );
  return lost > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(3);
  },
);
