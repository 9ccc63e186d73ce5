// The bridge's own share of a read, from the frame Cassandra sends to the bytes of the reply, with
// the real driver against real Cassandra (issue 19): cassandra-driver's row parsing (its Parser and
// ResultEmitter) and encodeResultSet, in three ways, interleaved in rounds so all see the same
// machine: the driver's own parser (a Row per row, each pushed through two object streams), rows
// handed over at once (parseRowsAtOnce), and raw cells (what the bridge's reads use now). A 100-row
// page of bench.pages and a point read of bench.kv, 8 requests in flight. CPU µs per read of this
// process (Cassandra's is not counted).
//
//   CASSANDRA_CONTACT_POINTS=127.0.0.1:9042 npx tsx bench/driver-page-read.ts [--rounds 6] [--reads 3000]
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import type cassandra from 'cassandra-driver';
import { createClient } from '../services/bridge/src/cassandra/create-client.js';
import { type DriverParser, rawCellsOptions } from '../services/bridge/src/cassandra/driver-internals.js';
import { encodeResultSet } from '../services/bridge/src/query/encode-result-set.js';
import { KEYSPACE, PAGE_ROWS, prepareTables } from './lib/dataset.js';
import { median } from './lib/median.js';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, reads: { type: 'string' } } });
const rounds = Number(values.rounds ?? 6);
const reads = Number(values.reads ?? 3000);
const IN_FLIGHT = 8;

const { Parser } = createRequire(import.meta.url)('cassandra-driver/lib/streams.js') as {
  Parser: { prototype: DriverParser };
};
// The driver's own parseRows, before createClient installs parseRowsAtOnce in its place.
const driversOwn = Parser.prototype.parseRows;

const client = createClient({
  contactPoints: (process.env.CASSANDRA_CONTACT_POINTS ?? '127.0.0.1:9042').split(','),
  localDatacenter: process.env.CASSANDRA_LOCAL_DC ?? 'datacenter1',
  username: 'cassandra',
  password: 'cassandra',
  requestTimeoutMs: 10_000,
  speculativeDelayMs: 500,
  maxPreparedStatements: 100,
});
await client.connect();
await prepareTables(client, (line) => console.log(line));

// What createClient installed: a page at once, as raw cells for the reads that ask (rawCellsOptions).
const installed = Parser.prototype.parseRows;
const MODES = ["driver's parser", 'rows at once', 'raw cells'] as const;
type Mode = (typeof MODES)[number];

const sign = (raw: Buffer) => Buffer.concat([raw, Buffer.alloc(16, 1)]);

async function cpuPerRead(cql: string, params: unknown[], mode: Mode): Promise<number> {
  Parser.prototype.parseRows = mode === "driver's parser" ? driversOwn : installed;
  const options = (): cassandra.QueryOptions => {
    const base: cassandra.QueryOptions = { prepare: true, fetchSize: PAGE_ROWS };
    return mode === 'raw cells' ? rawCellsOptions(base) : base;
  };
  const started = process.cpuUsage();
  let next = 0;
  const worker = async () => {
    while (next < reads) {
      next++;
      const rs = await client.execute(cql, params, options());
      encodeResultSet(rs, true, sign);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const used = process.cpuUsage(started);
  return (used.user + used.system) / reads;
}

const scenarios = [
  { name: '100-row page', cql: `SELECT pk, ck, v FROM ${KEYSPACE}.pages WHERE pk = ?`, params: [42] },
  { name: 'point read', cql: `SELECT k, v FROM ${KEYSPACE}.kv WHERE k = ?`, params: [4242] },
];
const figures = new Map<string, number[]>();
for (let round = 0; round <= rounds; round++) {
  for (const scenario of scenarios) {
    for (const mode of MODES) {
      const us = await cpuPerRead(scenario.cql, scenario.params, mode);
      // Round 0 warms every path up.
      if (round === 0) continue;
      const key = `${scenario.name}\t${mode}`;
      figures.set(key, [...(figures.get(key) ?? []), us]);
    }
  }
}
Parser.prototype.parseRows = installed;
await client.shutdown();

console.log(
  `\n${rounds} rounds × ${reads} reads, ${IN_FLIGHT} in flight; CPU µs per read (driver + encodeResultSet)\n`,
);
console.log('| read | parsing | median | rounds |');
console.log('|---|---|---:|---|');
for (const [key, us] of figures) {
  const [read, mode] = key.split('\t');
  console.log(`| ${read} | ${mode} | ${median(us).toFixed(1)} | ${us.map((u) => u.toFixed(0)).join(' ')} |`);
}
