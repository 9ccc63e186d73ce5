// The API side of a 100-row page read, building block by building block (issue 19): protobufjs
// decode of the bridge's Response, then toObject with 64-bit values as decimal strings, through
// Long#toString (what protobufjs ships) and through DecimalLong (services/common/src/proto/
// decimal-long.ts); the two passes together, as the services decoded replies before, against the
// one-pass plain decoder (services/common/src/proto/plain-decoder.ts) they use now; in interleaved
// rounds so all see the same machine. CPU µs per page.
//
//   npx tsx bench/response-decode.ts [--rounds 7] [--pages 2000]
import { parseArgs } from 'node:util';
import Long from 'long';
import protobuf from 'protobufjs';
import { DecimalLong } from '../services/common/src/proto/decimal-long.js';
import { decodeOptions } from '../services/common/src/proto/grpc-service-definition.js';
import { plainDecoder } from '../services/common/src/proto/plain-decoder.js';
import { protoRoot } from '../services/common/src/proto/proto-root.js';
import { PAGE_ROWS, pageValue } from './lib/dataset.js';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, pages: { type: 'string' } } });
const rounds = Number(values.rounds ?? 7);
const pages = Number(values.pages ?? 2000);

const Response = protoRoot().lookupType('stargate.Response');
// bench.pages: pk int, ck int, v text.
const rows = Array.from({ length: PAGE_ROWS }, (_, ck) => ({
  values: [{ int: 42 }, { int: ck }, { string: pageValue(42, ck) }],
}));
// A Buffer, as gRPC hands replies to the deserializer.
const bytes = Buffer.from(Response.encode(Response.fromObject({ resultSet: { rows } })).finish());
const decoded = Response.decode(bytes);
const decodePlain = plainDecoder(Response);

const cpuUsPerPage = (run: () => unknown) => {
  const t = process.cpuUsage();
  for (let i = 0; i < pages; i++) run();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / pages;
};
const withLong = (cls: unknown, run: () => unknown) => () => {
  protobuf.util.Long = cls as typeof protobuf.util.Long;
  return run();
};
const variants: Record<string, () => unknown> = {
  decode: () => Response.decode(bytes),
  'toObject, Long#toString': withLong(Long, () => Response.toObject(decoded, decodeOptions)),
  'toObject, DecimalLong': withLong(DecimalLong, () => Response.toObject(decoded, decodeOptions)),
  'decode + toObject (before)': withLong(DecimalLong, () =>
    Response.toObject(Response.decode(bytes), decodeOptions),
  ),
  'plain decoder (now)': withLong(DecimalLong, () => decodePlain(bytes)),
};
const figures: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let r = 0; r < rounds; r++) {
  for (const [name, run] of Object.entries(variants)) figures[name]!.push(cpuUsPerPage(run));
}
const same =
  JSON.stringify(withLong(Long, () => Response.toObject(decoded, decodeOptions))()) ===
  JSON.stringify(withLong(DecimalLong, () => Response.toObject(decoded, decodeOptions))());
protobuf.util.Long = DecimalLong as unknown as typeof protobuf.util.Long;
const samePlain =
  JSON.stringify(Response.toObject(Response.decode(bytes), decodeOptions)) ===
  JSON.stringify(decodePlain(bytes));
const median = (x: number[]) => [...x].sort((a, b) => a - b)[x.length >> 1]!;
console.log(
  `${PAGE_ROWS}-row Response, ${bytes.length} bytes; ${rounds} interleaved rounds of ${pages} pages`,
);
for (const [name, xs] of Object.entries(figures)) {
  console.log(
    `${name.padEnd(28)} ${median(xs).toFixed(1).padStart(7)} µs/page (rounds: ${xs.map((x) => x.toFixed(0)).join(' ')})`,
  );
}
console.log(`same decoded values: ${same}; plain decoder the same as decode + toObject: ${samePlain}`);
