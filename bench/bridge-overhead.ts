// The bridge's own overhead, measured in one run against the same Cassandra: a point read with
// cassandra-driver directly, through the bridge's unary ExecuteQuery, and through the multiplexed
// stream; median and p99 at concurrency 1, throughput at concurrency 32, bridge CPU per request.
//   CASSANDRA_CONTACT_POINTS=127.0.0.1:9042 npx tsx bench/bridge-overhead.ts [--seconds 10]

import { parseArgs } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import cassandra from 'cassandra-driver';
import { BridgeClient } from '../services/common/src/bridge/bridge-client.js';
import { createLogger } from '../services/common/src/logging/logger.js';
import { type RunResult, runAtConcurrency } from './lib/latency-run.js';
import { cpuSeconds, peakRssMiB, syscallCounts } from './lib/process-cpu.js';
import { spawnService } from './lib/spawn-service.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '8' } } });
const seconds = Number(values.seconds);
const contactPoints = process.env.CASSANDRA_CONTACT_POINTS ?? '127.0.0.1:9042';
const ROWS = 1000;

const direct = new cassandra.Client({
  contactPoints: contactPoints.split(','),
  localDataCenter: 'datacenter1',
  credentials: { username: 'cassandra', password: 'cassandra' },
});
await direct.connect();
await direct.execute(
  "CREATE KEYSPACE IF NOT EXISTS bench WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
);
await direct.execute('CREATE TABLE IF NOT EXISTS bench.kv (k int PRIMARY KEY, v text)');
for (let i = 0; i < ROWS; i += 100) {
  await Promise.all(
    Array.from({ length: 100 }, (_, j) =>
      direct.execute('INSERT INTO bench.kv (k, v) VALUES (?, ?)', [i + j, `value-${i + j}`], {
        prepare: true,
      }),
    ),
  );
}

const bridge = await spawnService(
  'services/bridge/src/main.ts',
  {
    BRIDGE_GRPC_PORT: '18191',
    BRIDGE_HTTP_PORT: '18181',
    BIND_HOST: '127.0.0.1',
    CASSANDRA_CONTACT_POINTS: contactPoints,
  },
  'http://127.0.0.1:18181/health/ready',
);
const login = await fetch('http://127.0.0.1:18181/v1/auth', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'cassandra', password: 'cassandra' }),
});
const { authToken } = (await login.json()) as { authToken: string };
const client = new BridgeClient({
  address: '127.0.0.1:18191',
  sourceApi: 'rest',
  deadlineMs: 10_000,
  keepaliveMs: 60_000,
  logger: createLogger('bench', 'warn'),
});
const cql = 'SELECT v FROM bench.kv WHERE k = ?';
let n = 0;
const key = () => n++ % ROWS;

const operations: Record<string, () => Promise<unknown>> = {
  'direct driver': () => direct.execute(cql, [key()], { prepare: true }),
  'bridge unary': () => {
    const md = new grpc.Metadata();
    md.set('x-cassandra-token', authToken);
    md.set('x-source-api', 'rest');
    return new Promise((resolve, reject) =>
      client.grpcClient.ExecuteQuery(
        { cql, values: { values: [{ int: key() }] } },
        md,
        { deadline: Date.now() + 10_000 },
        (err, res) => (err ? reject(err) : resolve(res)),
      ),
    );
  },
  'bridge multiplexed': () =>
    client.executeQuery({ cql, values: { values: [{ int: key() }] } }, { token: authToken }),
};

interface Row {
  name: string;
  c1: RunResult;
  c32: RunResult;
  cpuUsPerRequest: number | undefined;
  /** Bridge read and write system calls per request at c=32. */
  readsPerRequest: number | undefined;
  writesPerRequest: number | undefined;
}
const rows: Row[] = [];
for (const [name, op] of Object.entries(operations)) {
  await runAtConcurrency(op, { concurrency: 8, durationMs: 1500 }); // warm-up
  const c1 = await runAtConcurrency(op, { concurrency: 1, durationMs: (seconds * 1000) / 2 });
  const cpuBefore = cpuSeconds(bridge.pid);
  const ioBefore = syscallCounts(bridge.pid);
  const c32 = await runAtConcurrency(op, { concurrency: 32, durationMs: seconds * 1000 });
  const cpu = cpuSeconds(bridge.pid) - cpuBefore;
  const io = syscallCounts(bridge.pid);
  const viaBridge = name !== 'direct driver';
  rows.push({
    name,
    c1,
    c32,
    cpuUsPerRequest: viaBridge ? (cpu / c32.requests) * 1e6 : undefined,
    readsPerRequest: viaBridge ? (io.reads - ioBefore.reads) / c32.requests : undefined,
    writesPerRequest: viaBridge ? (io.writes - ioBefore.writes) / c32.requests : undefined,
  });
}

const base = rows[0]!;
console.log(
  `\nPoint read (SELECT v FROM bench.kv WHERE k = ?), ${seconds} s per run, Cassandra at ${contactPoints}\n`,
);
console.log(
  '| path | p50 c=1 (ms) | p99 c=1 (ms) | added p50 (ms) | req/s c=32 | ratio to driver | p99 c=32 (ms) | bridge CPU µs/req | bridge syscalls/req read+write |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
const fixed = (n: number | undefined, digits: number) => (n === undefined ? '—' : n.toFixed(digits));
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.c1.p50Ms.toFixed(3)} | ${r.c1.p99Ms.toFixed(3)} | ${(r.c1.p50Ms - base.c1.p50Ms).toFixed(3)} | ${r.c32.throughput.toFixed(0)} | ${(r.c32.throughput / base.c32.throughput).toFixed(2)} | ${r.c32.p99Ms.toFixed(3)} | ${fixed(r.cpuUsPerRequest, 0)} | ${fixed(r.readsPerRequest, 2)}+${fixed(r.writesPerRequest, 2)} |`,
  );
}
console.log(
  `\nbridge peak RSS: ${peakRssMiB(bridge.pid).toFixed(0)} MiB; bridge start to ready: ${bridge.startupMs} ms`,
);
client.close();
await bridge.stop();
await direct.shutdown();
