// The bridge side of a read's reply, alone (issue 19): from the rows cassandra-driver hands over to
// the bytes of the multiplexed reply, as the bridge did it before (a Value object per cell through
// fromDriverValue, then protobufjs) and as it does now (encodeResultSet writes the rows' bytes in one
// pass, the response serializers copy them in). A 100-row page of bench.pages (pk int, ck int,
// v text) and a one-row point read of bench.kv (k int, v text), in interleaved rounds so both see
// the same machine. CPU µs per reply.
//
//   npx tsx bench/result-set-encode.ts [--rounds 7] [--replies 3000]
import { parseArgs } from 'node:util';
import type cassandra from 'cassandra-driver';
import { DataType, type DriverType } from '../services/bridge/src/codecs/driver-types.js';
import { fromDriverValue } from '../services/bridge/src/codecs/from-driver-value.js';
import { typeSpecFromDriver } from '../services/bridge/src/codecs/type-spec-from-driver.js';
import { encodeResultSet } from '../services/bridge/src/query/encode-result-set.js';
import { responseSerializers } from '../services/bridge/src/rpc/response-serializers.js';
import { plainEncoder } from '../services/common/src/proto/plain-encoder.js';
import { protoRoot } from '../services/common/src/proto/proto-root.js';
import { PAGE_ROWS, pageValue } from './lib/dataset.js';
import { median } from './lib/median.js';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, replies: { type: 'string' } } });
const rounds = Number(values.rounds ?? 7);
const replies = Number(values.replies ?? 3000);

function driverResultSet(
  columns: Array<{ name: string; type: DriverType }>,
  rows: Array<Record<string, unknown>>,
  pageState?: Buffer,
): cassandra.types.ResultSet {
  return { columns, rows, rawPageState: pageState, info: {} } as unknown as cassandra.types.ResultSet;
}

const page = driverResultSet(
  [
    { name: 'pk', type: { code: DataType.int } },
    { name: 'ck', type: { code: DataType.int } },
    { name: 'v', type: { code: DataType.varchar } },
  ],
  Array.from({ length: PAGE_ROWS }, (_, ck) => ({ pk: 42, ck, v: pageValue(42, ck) })),
  Buffer.alloc(24, 7),
);
const point = driverResultSet(
  [
    { name: 'k', type: { code: DataType.int } },
    { name: 'v', type: { code: DataType.varchar } },
  ],
  [{ k: 4242, v: 'value-4242' }],
);

const sign = (raw: Buffer) => Buffer.concat([raw, Buffer.alloc(32, 1)]);
const protobufReplies = plainEncoder(protoRoot().lookupType('stargate.MultiplexedReplies'));
const serializers = responseSerializers();

/** What the bridge did before: Value objects, then protobufjs for the whole reply. */
function before(rs: cassandra.types.ResultSet, skipMetadata: boolean): Buffer {
  const columns = rs.columns as unknown as Array<{ name: string; type: DriverType }>;
  const resultSet: Record<string, unknown> = {
    rows: (rs.rows as unknown as Array<Record<string, unknown>>).map((row) => ({
      values: columns.map((c) => fromDriverValue(row[c.name], c.type)),
    })),
  };
  if (!skipMetadata)
    resultSet.columns = columns.map((c) => ({ name: c.name, type: typeSpecFromDriver(c.type) }));
  const raw = (rs as unknown as { rawPageState?: Buffer }).rawPageState;
  if (raw) resultSet.pagingState = { value: sign(raw) };
  return protobufReplies({ replies: [{ id: '1', response: { resultSet } }] });
}

function now(rs: cassandra.types.ResultSet, skipMetadata: boolean): Buffer {
  const resultSet = encodeResultSet(rs, skipMetadata, sign);
  return serializers.multiplexedReplies({ replies: [{ id: '1', response: { resultSet } }] });
}

if (!before(page, true).equals(now(page, true)) || !before(point, false).equals(now(point, false))) {
  throw new Error('the two encodings differ: fix encode-result-set.ts before measuring it');
}

const cpuUsPerReply = (run: () => unknown) => {
  const t = process.cpuUsage();
  for (let i = 0; i < replies; i++) run();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / replies;
};

const cases = {
  'page, before': () => before(page, true),
  'page, now': () => now(page, true),
  'point, before': () => before(point, true),
  'point, now': () => now(point, true),
  'point with column specs, before': () => before(point, false),
  'point with column specs, now': () => now(point, false),
};
const figures: Record<string, number[]> = {};
for (let round = 0; round < rounds + 1; round++) {
  for (const [name, run] of Object.entries(cases)) {
    const us = cpuUsPerReply(run);
    // Round 0 warms the JIT up.
    if (round === 0) continue;
    figures[name] ??= [];
    figures[name].push(us);
  }
}
console.log(`CPU µs per reply, median of ${rounds} rounds of ${replies} (each side interleaved):`);
console.log('| reply | µs | rounds |\n|---|---:|---|');
for (const [name, list] of Object.entries(figures)) {
  console.log(`| ${name} | ${median(list).toFixed(1)} | ${list.map((v) => v.toFixed(1)).join(' ')} |`);
}
