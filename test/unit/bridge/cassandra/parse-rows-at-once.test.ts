// The bridge's replacement for the driver's row parsing must hand over exactly what the driver's
// own parser does: the same rows (Row objects, same values), metadata and flags, or the same error.
// Both parse the same hand-built RESULT frames (protocol v4) in the driver's own Parser and
// ResultEmitter; cells are written by the driver's own Encoder. Rows of raw cells must make the
// same reply bytes as the driver's Rows.
import { createRequire } from 'node:module';
import cassandra from 'cassandra-driver';
import { describe, expect, it } from 'vitest';
import {
  type DriverParser,
  parseRowsAtOnce,
} from '../../../../services/bridge/src/cassandra/driver-internals.js';
import { encodeResultSet } from '../../../../services/bridge/src/query/encode-result-set.js';

const require = createRequire(import.meta.url);
const streams = require('cassandra-driver/lib/streams.js');
const Encoder = require('cassandra-driver/lib/encoder.js');
const { FrameHeader, dataTypes, opcodes } = cassandra.types as unknown as {
  FrameHeader: new (
    version: number,
    flags: number,
    streamId: number,
    opcode: number,
    bodyLength: number,
  ) => object;
  dataTypes: Record<string, number>;
  opcodes: Record<string, number>;
};

const VERSION = 4;
const ROWS_KIND = 2;
const GLOBAL_TABLES_SPEC = 0x0001;
const HAS_MORE_PAGES = 0x0002;
const encoder = new Encoder(VERSION, { encoding: { map: Map } });
const original = (streams.Parser.prototype as DriverParser).parseRows;

interface Column {
  name: string;
  type: { code: number; info?: unknown };
  value(rand: () => number, row: number): unknown;
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}
function short(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}
function string(s: string): Buffer {
  const bytes = Buffer.from(s, 'utf8');
  return Buffer.concat([short(bytes.length), bytes]);
}
function bytes(b: Buffer | null): Buffer {
  return b === null ? int32(-1) : Buffer.concat([int32(b.length), b]);
}
function typeOption(type: Column['type']): Buffer {
  if (type.code === dataTypes.list || type.code === dataTypes.set) {
    return Buffer.concat([short(type.code), typeOption(type.info as Column['type'])]);
  }
  if (type.code === dataTypes.map) {
    const [key, value] = type.info as [Column['type'], Column['type']];
    return Buffer.concat([short(type.code), typeOption(key), typeOption(value)]);
  }
  return short(type.code);
}

/** A RESULT frame of kind rows; `rowCount` may claim more rows than `cells` holds. */
function rowsFrame(
  columns: Column[],
  cells: Array<Buffer | null>,
  rowCount: number,
  pageState?: Buffer,
): Buffer {
  const flags = GLOBAL_TABLES_SPEC | (pageState ? HAS_MORE_PAGES : 0);
  return Buffer.concat([
    int32(ROWS_KIND),
    int32(flags),
    int32(columns.length),
    ...(pageState ? [bytes(pageState)] : []),
    string('ks'),
    string('tbl'),
    ...columns.flatMap((c) => [string(c.name), typeOption(c.type)]),
    int32(rowCount),
    ...cells.map(bytes),
  ]);
}

interface Emitted {
  results: Array<{ error: unknown; result: { rows: unknown[]; meta: unknown; flags: unknown } | undefined }>;
}

/** Feeds one frame, in `chunks` pieces, through a Parser (patched or not) and a ResultEmitter. */
async function parse(body: Buffer, chunks: number, patched: boolean, rawCells = false): Promise<Emitted> {
  const parser = new streams.Parser({ objectMode: true }, encoder) as DriverParser & NodeJS.ReadWriteStream;
  if (patched) parser.parseRows = parseRowsAtOnce(original, () => rawCells);
  const emitter = new streams.ResultEmitter({ objectMode: true }) as NodeJS.WritableStream;
  const emitted: Emitted = { results: [] };
  const ended = new Promise<void>((resolve) => emitter.on('frameEnded', () => resolve()));
  emitter.on('result', (_header: unknown, error: unknown, result: Emitted['results'][number]['result']) =>
    emitted.results.push({ error, result }),
  );
  parser.pipe(emitter);
  const header = new FrameHeader(VERSION, 0, 7, opcodes.result as number, body.length);
  const size = Math.ceil(body.length / chunks);
  for (let start = 0; start < body.length; start += size) {
    const chunk = body.subarray(start, start + size);
    parser.write({ header, chunk, offset: 0, frameEnded: start + size >= body.length } as never);
  }
  await ended;
  return emitted;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const COLUMNS: Column[] = [
  { name: 'k', type: { code: dataTypes.int as number }, value: (_r, row) => row },
  { name: 'name', type: { code: dataTypes.varchar as number }, value: (r) => `n${Math.floor(r() * 1e6)}é` },
  {
    name: 'big',
    type: { code: dataTypes.bigint as number },
    value: (r) => cassandra.types.Long.fromNumber(Math.floor((r() - 0.5) * 2 ** 52)),
  },
  { name: 'flag', type: { code: dataTypes.boolean as number }, value: (r) => r() < 0.5 },
  { name: 'ratio', type: { code: dataTypes.double as number }, value: (r) => r() * 1000 },
  {
    name: 'blob',
    type: { code: dataTypes.blob as number },
    value: (r) => Buffer.from([Math.floor(r() * 256), 1]),
  },
  {
    name: 'at',
    type: { code: dataTypes.timestamp as number },
    value: (r) => new Date(Math.floor(r() * 2e12)),
  },
  { name: 'id', type: { code: dataTypes.uuid as number }, value: () => cassandra.types.Uuid.random() },
  {
    name: 'tags',
    type: { code: dataTypes.list as number, info: { code: dataTypes.varchar } },
    value: (r) => ['a', `b${Math.floor(r() * 9)}`],
  },
  { name: 'tiny', type: { code: dataTypes.tinyint as number }, value: (r) => Math.floor((r() - 0.5) * 256) },
  {
    name: 'small',
    type: { code: dataTypes.smallint as number },
    value: (r) => Math.floor((r() - 0.5) * 65536),
  },
  { name: 'single', type: { code: dataTypes.float as number }, value: (r) => (r() - 0.5) * 1e6 },
  {
    name: 'clicks',
    type: { code: dataTypes.counter as number },
    value: (r) => cassandra.types.Long.fromNumber(Math.floor(r() * 1e12)),
  },
  {
    name: 'plain',
    type: { code: dataTypes.ascii as number },
    value: (r) => (r() < 0.2 ? '' : `a${Math.floor(r() * 1e3)}`),
  },
  { name: 'tid', type: { code: dataTypes.timeuuid as number }, value: () => cassandra.types.TimeUuid.now() },
  {
    name: 'amount',
    type: { code: dataTypes.decimal as number },
    value: (r) => cassandra.types.BigDecimal.fromString(`${Math.floor(r() * 1e6)}.25`),
  },
  {
    name: 'scores',
    type: { code: dataTypes.map as number, info: [{ code: dataTypes.varchar }, { code: dataTypes.int }] },
    value: (r) => new Map([['x', Math.floor(r() * 100)]]),
  },
];

/** A timestamp no JavaScript Date holds (the driver reads it as an invalid Date). */
const FAR_TIMESTAMP = Buffer.from([0x7f, 0, 0, 0, 0, 0, 0, 1]);

function randomCells(rows: number, seed: number): Array<Buffer | null> {
  const rand = seeded(seed);
  const cells: Array<Buffer | null> = [];
  for (let row = 0; row < rows; row++) {
    for (const column of COLUMNS) {
      const dice = rand();
      // Some cells are null, as a column never written; some empty, which Cassandra can hold for
      // any type (the driver reads an empty number as null, an empty text as '').
      if (dice < 0.08) cells.push(null);
      else if (dice < 0.12) cells.push(Buffer.alloc(0));
      else if (column.type.code === dataTypes.timestamp && row % 10 === 3) cells.push(FAR_TIMESTAMP);
      else cells.push(encoder.encode(column.value(rand, row), column.type));
    }
  }
  return cells;
}

function resultSetOf(result: { rows: unknown[]; meta: { pageState?: Buffer } }): cassandra.types.ResultSet {
  const ResultSet = (
    cassandra.types as unknown as { ResultSet: new (response: object) => cassandra.types.ResultSet }
  ).ResultSet;
  return new ResultSet(result);
}

describe('parseRowsAtOnce: a page of rows handed over as one result', () => {
  it.each([
    [0, 1],
    [1, 1],
    [2, 3],
    [100, 1],
    [100, 7],
    [333, 40],
  ])(
    '%i rows in %i chunk(s): the same rows, metadata and flags as the driver, in one result',
    async (rows, chunks) => {
      const body = rowsFrame(COLUMNS, randomCells(rows, rows * 31 + chunks), rows, Buffer.from([9, 8, 7]));
      const expected = await parse(body, chunks, false);
      const actual = await parse(body, chunks, true);
      expect(actual.results).toHaveLength(1);
      expect(actual).toStrictEqual(expected);
      const rowsOf = actual.results[0]?.result?.rows as cassandra.types.Row[];
      expect(rowsOf).toHaveLength(rows);
      for (const row of rowsOf) {
        expect(row).toBeInstanceOf((cassandra.types as unknown as { Row: new () => object }).Row);
        expect(row.keys()).toStrictEqual(COLUMNS.map((c) => c.name));
        expect(row.get(1)).toBe(row.get('name'));
      }
    },
  );

  it('a frame that claims more rows than it holds fails as the driver fails it', async () => {
    const body = rowsFrame(COLUMNS, randomCells(3, 5), 4);
    const expected = await parse(body, 1, false);
    const actual = await parse(body, 1, true);
    expect(actual.results).toHaveLength(1);
    expect(expected.results).toHaveLength(1);
    expect(actual.results[0]?.error).toBeInstanceOf(RangeError);
    expect(String(actual.results[0]?.error)).toBe(String(expected.results[0]?.error));
  });

  it('a cell the encoder cannot decode fails as the driver fails it', async () => {
    // A 3-byte int cell: the driver's decoder throws on it.
    const cells = randomCells(2, 11);
    cells[COLUMNS.length] = Buffer.from([1, 2, 3]);
    const body = rowsFrame(COLUMNS, cells, 2);
    const expected = await parse(body, 1, false);
    const actual = await parse(body, 1, true);
    expect(actual.results).toHaveLength(1);
    expect(actual.results[0]?.error).toBeDefined();
    expect(String(actual.results[0]?.error)).toBe(String(expected.results[0]?.error));
  });

  it.each([
    [1, 1, false],
    [100, 1, false],
    [100, 7, true],
    [333, 40, true],
  ])(
    '%i rows in %i chunk(s) as raw cells (skip metadata: %s): the reply has the same bytes',
    async (rows, chunks, skipMetadata) => {
      const body = rowsFrame(COLUMNS, randomCells(rows, rows * 17 + chunks), rows, Buffer.from([1, 2, 3, 4]));
      const decoded = (await parse(body, chunks, false)).results[0]?.result;
      const raw = (await parse(body, chunks, true, true)).results[0]?.result;
      if (!decoded || !raw) throw new Error('no result');
      const rawRows = raw.rows as unknown[][];
      expect(rawRows).toHaveLength(rows);
      expect(rawRows.every((row) => Array.isArray(row) && row.length === COLUMNS.length)).toBe(true);
      // The common scalars stay where their bytes are in the frame; the others are the driver's values.
      const textColumn = COLUMNS.findIndex((c) => c.name === 'name');
      const decimalColumn = COLUMNS.findIndex((c) => c.name === 'amount');
      expect(rawRows.some((row) => typeof row[textColumn] === 'number')).toBe(true);
      expect(rawRows.some((row) => row[decimalColumn] instanceof cassandra.types.BigDecimal)).toBe(true);
      const sign = (state: Buffer) => Buffer.concat([state, Buffer.from('signed')]);
      const expected = encodeResultSet(resultSetOf(decoded as never), skipMetadata, sign).bytes;
      const actual = encodeResultSet(resultSetOf(raw as never), skipMetadata, sign).bytes;
      expect(actual.equals(expected)).toBe(true);
    },
  );

  it('as raw cells, a number cell of a width Cassandra never sends fails the request instead of reading as an offset', async () => {
    const columns = COLUMNS.filter((c) => c.name === 'k' || c.name === 'tiny');
    const body = rowsFrame(columns, [encoder.encode(1, columns[0]!.type), Buffer.from([1, 2])], 1);
    const { results } = await parse(body, 1, true, true);
    expect(results).toHaveLength(1);
    expect(results[0]?.error).toBeInstanceOf(RangeError);
  });

  it('is given the driver’s original parseRows, not an already patched one', () => {
    expect(String(original)).toContain('byRow: frameInfo.byRow');
  });
});
