// The per-request work of an ANN read's query vector, alone, in one process (no network, no
// Cassandra): REST parses the `sort` JSON and converts the 64 numbers with the column's codec; the
// bridge converts the 64 proto Values for the driver, which encodes them. Figures are µs per request.
//   npx tsx bench/ann-encode-micro.ts [--dimension 64] [--rounds 5]
import cassandra from 'cassandra-driver';
import { parse } from 'lossless-json';
import { toDriverValue } from '../services/bridge/src/codecs/to-driver-value.js';
import type { JsonInput } from '../services/common/src/codecs/json-codec.js';
import { jsonCodecFor } from '../services/common/src/codecs/json-value.js';
import type { TypeSpec__Output } from '../services/common/src/proto/generated/stargate/TypeSpec.js';
import type { Value__Output } from '../services/common/src/proto/generated/stargate/Value.js';

// The driver's encoder, which its typings leave out.
const { Encoder: DriverEncoder } = cassandra as unknown as {
  Encoder: new (version: number, options: object) => { encode(value: unknown, type: object): Buffer };
};
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const dimension = arg('dimension', 64);
const rounds = arg('rounds', 5);
const N = 20_000;

// Random vectors, written as the benchmark's client writes them (JSON numbers).
const texts = Array.from({ length: 256 }, () =>
  JSON.stringify({ v: { $vector: Array.from({ length: dimension }, () => Math.random() * 2 - 1) } }),
);
const codec = jsonCodecFor(
  { vector: { element: { basic: 8 }, size: dimension } } as unknown as TypeSpec__Output,
  { compactMapData: true },
);
const driverType = {
  code: cassandra.types.dataTypes.custom,
  info: `org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType, ${dimension})`,
};
const encoder = new DriverEncoder(cassandra.types.protocolVersion.v5, {});

function time(label: string, run: (i: number) => unknown): void {
  const results: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < N; i++) run(i);
    results.push(Number(process.hrtime.bigint() - start) / 1000 / N);
  }
  results.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(48)} median ${results[rounds >> 1]!.toFixed(2)} µs  min ${results[0]!.toFixed(2)} µs`,
  );
}

const values = texts.map((t) => {
  const json = parse(t) as { v: { $vector: JsonInput } };
  const v = codec.fromJson(json.v.$vector);
  // As the bridge receives it: each element names its oneof member.
  return {
    inner: 'collection',
    collection: { elements: v.collection!.elements!.map((e) => ({ inner: 'float', float: e.float })) },
  } as Value__Output;
});

time('REST: parse sort JSON (lossless-json)', (i) => parse(texts[i & 255]!));
time('REST: parse + vector codec fromJson', (i) => {
  const json = parse(texts[i & 255]!) as { v: { $vector: JsonInput } };
  return codec.fromJson(json.v.$vector);
});
time('bridge: toDriverValue', (i) => toDriverValue(values[i & 255]!, driverType, 'bind marker 1'));
time('bridge: toDriverValue + driver encode', (i) =>
  encoder.encode(toDriverValue(values[i & 255]!, driverType, 'bind marker 1'), driverType),
);
