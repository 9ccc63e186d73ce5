// The bridge's side of a 100-row page read, in process (issue 19): from the driver's ResultSet to
// the bytes of the multiplexed stream's reply message to a REST read (a QueryWithSchemaResponse).
// (a) objects, as before issue 19: toResultSet (Row and Value objects), then protobufjs encoding
// MultiplexedReplies; (b) bytes, the bridge's path now: setLazyResultSet + encodeMultiplexedReply
// (encodeResultSet writes the rows straight with protobufjs's Writer) + EncodedMultiplexedReplies.
// Interleaved rounds, so both see the same machine; CPU µs per page, median of rounds.
//
//   npx tsx bench/result-set-encode.ts [--rounds 7] [--pages 2000]
import { parseArgs } from 'node:util';
import type cassandra from 'cassandra-driver';
import { setLazyResultSet } from '../services/bridge/src/query/lazy-result-set.js';
import { toResultSet } from '../services/bridge/src/query/to-result-set.js';
import {
  encodeMultiplexedReplies,
  encodeMultiplexedReply,
} from '../services/bridge/src/rpc/encode-multiplexed-reply.js';
import type { Response } from '../services/common/src/proto/generated/stargate/Response.js';
import { plainEncoder } from '../services/common/src/proto/plain-encoder.js';
import { protoRoot } from '../services/common/src/proto/proto-root.js';
import { pagesPage, widePage } from './lib/driver-result-sets.js';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, pages: { type: 'string' } } });
const rounds = Number(values.rounds ?? 7);
const pages = Number(values.pages ?? 2000);

const root = protoRoot();
const encodeReplies = plainEncoder(root.lookupType('stargate.MultiplexedReplies'));
const sign = (raw: Buffer) => Buffer.concat([raw, Buffer.alloc(32, 1)]);

const objects = (rs: cassandra.types.ResultSet) => () =>
  encodeReplies({
    replies: [{ id: '7', queryWithSchema: { response: { resultSet: toResultSet(rs, false, sign) } } }],
  });
const bytes = (rs: cassandra.types.ResultSet) => () => {
  const response: Response = {};
  setLazyResultSet(response, rs, false, sign);
  return encodeMultiplexedReplies({
    replies: [encodeMultiplexedReply({ id: '7', queryWithSchema: { response } })],
  });
};

const pagesRs = pagesPage();
const wideRs = widePage();
const variants: Record<string, () => Buffer> = {
  'pages, objects': objects(pagesRs),
  'pages, bytes': bytes(pagesRs),
  'wide, objects': objects(wideRs),
  'wide, bytes': bytes(wideRs),
};

const cpuUsPerPage = (run: () => unknown) => {
  const t = process.cpuUsage();
  for (let i = 0; i < pages; i++) run();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / pages;
};
const figures: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let r = 0; r < rounds; r++) {
  for (const [name, run] of Object.entries(variants)) figures[name]!.push(cpuUsPerPage(run));
}
const median = (x: number[]) => [...x].sort((a, b) => a - b)[x.length >> 1]!;
console.log(`100-row pages; ${rounds} interleaved rounds of ${pages} pages`);
for (const [name, xs] of Object.entries(figures)) {
  const size = variants[name]!().length;
  console.log(
    `${name.padEnd(16)} ${median(xs).toFixed(1).padStart(7)} µs/page, ${size} bytes (rounds: ${xs.map((x) => x.toFixed(0)).join(' ')})`,
  );
}
const identical = (a: string, b: string) => Buffer.compare(variants[a]!(), variants[b]!()) === 0;
console.log(
  `byte-identical: pages ${identical('pages, objects', 'pages, bytes')}, wide ${identical('wide, objects', 'wide, bytes')}`,
);
