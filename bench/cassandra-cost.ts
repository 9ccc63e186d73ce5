// What one point read costs Cassandra itself, by request rate (issue 19): the direct driver reads
// bench.kv at fixed rates, at most --concurrency in flight, and the node's CPU, its threads' sleeps
// (voluntary context switches) and its write system calls are counted per request from /proc. The
// peer comparison put half of our gateway's per-request CPU in Cassandra at ~10,000 req/s, four
// times what the direct driver's 60,000 req/s costs it; this says whether that is the rate or
// something the bridge does.
//
//   CASSANDRA_CONTACT_POINTS=127.0.0.1:9042 npx tsx bench/cassandra-cost.ts \
//     [--rates 1000,5000,10000,max] [--concurrency 32] [--duration 8] [--rounds 2]
//
// The node must run on this machine (its pid is found by its listening address).
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { benchDriverClient, useCassandra } from './lib/cassandra.js';
import { KEYSPACE, KV_ROWS, prepareTables } from './lib/dataset.js';
import { median } from './lib/median.js';
import { cpuSeconds, syscallCounts, voluntarySwitches } from './lib/process-cpu.js';

const { values } = parseArgs({
  options: {
    rates: { type: 'string' },
    concurrency: { type: 'string' },
    duration: { type: 'string' },
    rounds: { type: 'string' },
  },
});
const rates = (values.rates ?? '1000,5000,10000,max')
  .split(',')
  .map((r) => (r === 'max' ? Number.POSITIVE_INFINITY : Number(r)));
const concurrency = Number(values.concurrency ?? 32);
const durationMs = Number(values.duration ?? 8) * 1000;
const rounds = Number(values.rounds ?? 2);
if (rates.some((r) => !(r > 0)) || !(concurrency > 0) || !(durationMs > 0) || !(rounds > 0)) {
  throw new Error('--rates are positive numbers or max; --concurrency, --duration, --rounds positive');
}

const log = (line: string) => console.log(line);
const db = await useCassandra(log);
if (db.pid === undefined)
  throw new Error('the Cassandra node is not a process of this machine: nothing to count');
const pid = db.pid;
const client = benchDriverClient(db.contactPoints);
const CQL = `SELECT k, v FROM ${KEYSPACE}.kv WHERE k = ?`;

interface Measured {
  rate: number;
  cassandraUs: number;
  clientUs: number;
  switchesPerRequest: number;
  writesPerRequest: number;
}

/** Reads at `rate` (started on a schedule, never more than `concurrency` in flight) for the duration. */
async function measure(rate: number): Promise<Measured> {
  let started = 0;
  let done = 0;
  let inFlight = 0;
  let key = 0;
  let failure: unknown;
  const one = () => {
    started++;
    inFlight++;
    key = (key + 7919) % KV_ROWS;
    client.execute(CQL, [key], { prepare: true }).then(
      () => {
        inFlight--;
        done++;
      },
      (err: unknown) => {
        inFlight--;
        failure ??= err;
      },
    );
  };
  const cpu0 = cpuSeconds(pid);
  const io0 = syscallCounts(pid);
  const switches0 = voluntarySwitches(pid);
  const client0 = process.cpuUsage();
  const t0 = performance.now();
  let now = t0;
  while (now - t0 < durationMs) {
    const due = Number.isFinite(rate) ? Math.floor(((now - t0) / 1000) * rate) : Number.POSITIVE_INFINITY;
    while (started < due && inFlight < concurrency) one();
    // At most 1 ms between schedule checks; an unbounded rate only waits for answers.
    await (Number.isFinite(rate) ? sleep(1) : new Promise((r) => setImmediate(r)));
    now = performance.now();
  }
  while (inFlight > 0) await sleep(1);
  if (failure !== undefined) throw failure;
  const seconds = (performance.now() - t0) / 1000;
  const clientCpu = process.cpuUsage(client0);
  const io1 = syscallCounts(pid);
  const switches1 = voluntarySwitches(pid);
  return {
    rate: done / seconds,
    cassandraUs: ((cpuSeconds(pid) - cpu0) / done) * 1e6,
    clientUs: (clientCpu.user + clientCpu.system) / done,
    switchesPerRequest: (switches1 - switches0) / done,
    writesPerRequest: (io1.writes - io0.writes) / done,
  };
}

try {
  await client.connect();
  await prepareTables(client, log);
  // Warm-up: prepared, JIT-compiled on both sides.
  await measure(Number.POSITIVE_INFINITY);
  const results = new Map<number, Measured[]>();
  for (let round = 0; round < rounds; round++) {
    for (const rate of rates) {
      const m = await measure(rate);
      results.set(rate, [...(results.get(rate) ?? []), m]);
      log(
        `round ${round + 1}, target ${Number.isFinite(rate) ? rate : 'max'}: ${m.rate.toFixed(0)} req/s, ` +
          `Cassandra ${m.cassandraUs.toFixed(1)} µs/req`,
      );
    }
  }
  console.log(
    `\n| target req/s | reached req/s | Cassandra cores busy | Cassandra CPU µs / request | its threads' sleeps (voluntary switches) / request | its write syscalls / request | driver client CPU µs / request |`,
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [rate, ms] of results) {
    const med = (pick: (m: Measured) => number) => median(ms.map(pick));
    console.log(
      `| ${Number.isFinite(rate) ? rate : 'max'} | ${med((m) => m.rate).toFixed(0)} | ` +
        `${med((m) => (m.rate * m.cassandraUs) / 1e6).toFixed(2)} | ${med((m) => m.cassandraUs).toFixed(1)} | ` +
        `${med((m) => m.switchesPerRequest).toFixed(1)} | ${med((m) => m.writesPerRequest).toFixed(2)} | ` +
        `${med((m) => m.clientUs).toFixed(1)} |`,
    );
  }
  console.log(`(medians of ${rounds} rounds of ${durationMs / 1000} s, at most ${concurrency} in flight)`);
} finally {
  await client.shutdown();
  // A node this script started is stopped again, as `npm run bench` does without --keep-cassandra.
  await db.release({ keep: false, log });
}
