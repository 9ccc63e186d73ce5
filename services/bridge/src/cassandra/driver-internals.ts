// Every use the bridge makes of cassandra-driver's private internals, in one place. They are not
// part of the driver's API, so package.json pins the driver to one exact version, and the bridge
// checks at start-up that each shape it relies on is still there (checkDriverInternals), failing
// with one line that names what is missing rather than misbehaving at the first request.
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import cassandra from 'cassandra-driver';
import { isKeptRaw, withFrame } from './raw-cells.js';

interface PrepareHandlerStatic {
  getPrepared(
    client: cassandra.Client,
    loadBalancing: unknown,
    query: string,
    keyspace: string | undefined,
  ): Promise<{ queryId: Buffer; meta: { columns: Array<{ name: string; type: unknown }> } }>;
}

interface DriverConnection {
  netClient: Socket;
  parser: DriverParser;
  bindSocketListeners(): void;
}

/** The internals, as loaded from the installed driver (a test swaps one for a wrong shape). */
export interface DriverModules {
  version: string;
  prepareHandler: unknown;
  connection: unknown;
  Client: typeof cassandra.Client;
  /** The driver's ResultSet constructor (its typings declare an interface only). */
  ResultSet: unknown;
  /** lib/streams.js: the Parser that turns frames into rows, and the ResultEmitter after it. */
  streams: unknown;
  LocalDate: typeof cassandra.types.LocalDate;
}

const require = createRequire(import.meta.url);
const MS_PER_DAY = 86_400_000;

export function installedDriver(): DriverModules {
  return {
    version: (require('cassandra-driver/package.json') as { version: string }).version,
    prepareHandler: require('cassandra-driver/lib/prepare-handler.js'),
    connection: require('cassandra-driver/lib/connection.js'),
    Client: cassandra.Client,
    ResultSet: (cassandra.types as unknown as { ResultSet: unknown }).ResultSet,
    streams: require('cassandra-driver/lib/streams.js'),
    LocalDate: cassandra.types.LocalDate,
  };
}

const driver = installedDriver();
const PrepareHandler = driver.prepareHandler as PrepareHandlerStatic;
const Connection = driver.connection as { prototype: DriverConnection };
const Streams = driver.streams as { Parser: { prototype: DriverParser } };

/**
 * A statement's prepared metadata. The driver has no public prepare(); its PrepareHandler is the
 * path execute({prepare: true}) takes and shares the driver's bounded prepared cache.
 */
export function getPrepared(
  client: cassandra.Client,
  cql: string,
): ReturnType<PrepareHandlerStatic['getPrepared']> {
  const { loadBalancing } = (client as unknown as ClientInternals).options.policies;
  return PrepareHandler.getPrepared(client, loadBalancing, cql, client.keyspace);
}

interface ClientInternals {
  options: { policies: { loadBalancing: unknown } };
  metadata: { getPreparedInfo?: unknown };
}

/** The paging state as Cassandra sent it (the public pageState is the same bytes in hex). */
export function rawPageState(rs: cassandra.types.ResultSet): Buffer | undefined {
  return (rs as unknown as { rawPageState?: Buffer }).rawPageState;
}

/** Days since the epoch of a LocalDate, also for dates outside what a JS Date can hold. */
export function localDateDays(date: cassandra.types.LocalDate): number {
  const d = date as unknown as { _value: number | null; date: Date };
  return d._value ?? Math.round(d.date.getTime() / MS_PER_DAY);
}

let patched = false;

/**
 * The bridge's changes to the driver, for the whole process, once (createClient):
 * - cassandra-driver 4.10 arms each socket's idle timeout (socketOptions.connectTimeout) while it
 *   connects and never clears it: it only removes its own 'timeout' listener once connected. Every
 *   read and write on every connection then re-arms that timer (net.Socket._unrefTimer), which was
 *   ~12 % of the bridge's main thread under load, and the timer fires on every idle socket for
 *   nobody. Clearing it once the socket is connected changes nothing else: the driver's heartbeat
 *   runs on its own timer, and dead peers are found by the heartbeat and TCP keep-alive as before.
 * - Its Parser hands a page over at once, and as raw cells to the reads that ask (parseRowsAtOnce);
 *   each connection's parser, made when its socket is bound, is given its connection to look the
 *   requests up in.
 */
export function patchDriver(): void {
  if (patched) return;
  patched = true;
  const parser = Streams.Parser.prototype;
  parser.parseRows = parseRowsAtOnce(parser.parseRows, operationWantsRawCells);
  const connection = Connection.prototype;
  const bindSocketListeners = connection.bindSocketListeners;
  connection.bindSocketListeners = function (this: DriverConnection) {
    bindSocketListeners.call(this);
    this.netClient.setTimeout(0);
    (this.parser as unknown as Record<symbol, unknown>)[PARSER_CONNECTION] = this;
  };
}

/** What Parser.prototype.parseRows sees of a rows frame (lib/streams.js). */
export interface RowsFrame {
  header: { streamId: number };
  meta: { columns: Array<{ name: string; type: { code: number } }> };
  flagsInfo: unknown;
  byRow?: boolean;
  parsingError?: boolean;
  rowLength?: number;
}

interface RowsReader {
  readInt(): number;
  readBytes(): Buffer | null;
  /** Throws the driver's RangeError when fewer than `length` bytes are left. */
  checkOffset(length: number): void;
  buf: Buffer;
  offset: number;
}

export interface DriverParser {
  encoder: { decode(cell: Buffer | null, type: unknown): unknown };
  push(item: object): boolean;
  handleParsingError(error: unknown, frame: RowsFrame, reader: RowsReader | null): void;
  parseRows(frame: RowsFrame, reader: RowsReader): void;
}

type ParseRows = DriverParser['parseRows'];

/** Whether the request a rows frame answers asked for raw cells (see rawCellsOptions). */
export type WantsRawCells = (parser: DriverParser, frame: RowsFrame) => boolean;

/**
 * A replacement for the driver's Parser.prototype.parseRows that hands a page over as one result.
 * The driver pushes every row of a page through two object streams (its Parser, then its
 * ResultEmitter, which gathers them again into one array): a quarter of what the driver spends on a
 * 100-row page. A frame that is not streamed row by row (execute, not eachRow) is always whole when
 * parseRows runs, so its rows are decoded into one array and pushed as one result, the item the
 * driver itself pushes for a page of no rows. Rows are the driver's own Row objects, decoded by its
 * own encoder; row-by-row frames (eachRow) and a frame that already failed keep the original path.
 * A cell that cannot be read or decoded fails the request as in the original (an error result).
 *
 * A request that asked for raw cells (only the bridge's reads, whose rows go nowhere but into the
 * reply: encode-result-set.ts) gets each row as an array in column order instead, where the cells
 * raw-cells.ts keeps are where their bytes are in the frame and every other cell is the value the
 * driver decodes.
 */
export function parseRowsAtOnce(original: ParseRows, wantsRawCells: WantsRawCells): ParseRows {
  const RowType = (cassandra.types as unknown as { Row: unknown }).Row as new (
    columns: RowsFrame['meta']['columns'],
  ) => Record<string, unknown>;
  return function (this: DriverParser, frame, reader) {
    if (frame.byRow || frame.parsingError || frame.rowLength !== undefined) {
      return original.call(this, frame, reader);
    }
    let rowLength: number;
    try {
      rowLength = reader.readInt();
    } catch (err) {
      return this.handleParsingError(err, frame, reader);
    }
    frame.rowLength = rowLength;
    // No rows: the driver already answers with one result.
    if (rowLength === 0) return original.call(this, frame, reader);
    const { meta } = frame;
    const { columns } = meta;
    if (wantsRawCells(this, frame)) return pushRawCells(this, frame, reader, rowLength);
    const rows = new Array(rowLength);
    for (let i = 0; i < rowLength; i++) {
      const row = new RowType(columns);
      for (let j = 0; j < columns.length; j++) {
        const column = columns[j] as RowsFrame['meta']['columns'][number];
        let cell: Buffer | null;
        try {
          cell = reader.readBytes();
        } catch (err) {
          return this.handleParsingError(err, frame, reader);
        }
        try {
          row[column.name] = this.encoder.decode(cell, column.type);
        } catch (err) {
          return this.handleParsingError(err, frame, null);
        }
      }
      rows[i] = row;
    }
    // error: null, as the driver's ResultEmitter passes on a page it gathered itself.
    this.push({ header: frame.header, error: null, result: { rows, meta, flags: frame.flagsInfo } });
  };
}

/** parseRowsAtOnce for a request that asked for raw cells (raw-cells.ts says what a row is then). */
function pushRawCells(parser: DriverParser, frame: RowsFrame, reader: RowsReader, rowLength: number): void {
  const { columns } = frame.meta;
  const codes = columns.map((c) => c.type.code);
  const body = reader.buf;
  const rows = withFrame(new Array<unknown[]>(rowLength), body);
  for (let i = 0; i < rowLength; i++) {
    const row = new Array<unknown>(columns.length);
    for (let j = 0; j < columns.length; j++) {
      let length: number;
      try {
        length = reader.readInt();
        reader.checkOffset(length);
      } catch (err) {
        parser.handleParsingError(err, frame, reader);
        return;
      }
      if (length < 0) {
        row[j] = null;
        continue;
      }
      const start = reader.offset;
      reader.offset += length;
      if (isKeptRaw(codes[j] as number, body, start, length)) {
        row[j] = start;
        continue;
      }
      try {
        const value = parser.encoder.decode(body.subarray(start, start + length), columns[j]?.type);
        // A number here would read as an offset: only a cell of a number type with a width no
        // Cassandra sends decodes to one (an empty one is null).
        if (typeof value === 'number') throw new RangeError(`A cell of ${length} bytes for type ${codes[j]}`);
        row[j] = value;
      } catch (err) {
        parser.handleParsingError(err, frame, null);
        return;
      }
    }
    rows[i] = row;
  }
  parser.push({
    header: frame.header,
    error: null,
    result: { rows, meta: frame.meta, flags: frame.flagsInfo },
  });
}

const RAW_CELLS = Symbol('bridge raw cells');
const PARSER_CONNECTION = Symbol('bridge parser connection');

/**
 * Query options whose rows come as arrays of raw cells (parseRowsAtOnce). For execute only, and
 * only where nothing reads the rows but encodeResultSet: a row is no longer a Row.
 */
export function rawCellsOptions(options: cassandra.QueryOptions): cassandra.QueryOptions {
  return Object.assign(options, { [RAW_CELLS]: true });
}

interface ConnectionWithOperations {
  _operations: Map<number, { request?: { options?: { getRawQueryOptions?(): object | undefined } } }>;
}

/** The request a frame answers is still in its connection's operations while the frame is parsed. */
const operationWantsRawCells: WantsRawCells = (parser, frame) => {
  const connection = (parser as unknown as { [PARSER_CONNECTION]?: ConnectionWithOperations })[
    PARSER_CONNECTION
  ];
  const operation = connection?._operations.get(frame.header.streamId);
  const options = operation?.request?.options?.getRawQueryOptions?.() as
    | { [RAW_CELLS]?: boolean }
    | undefined;
  return options?.[RAW_CELLS] === true;
};

export class DriverInternalsError extends Error {}

/** Each shape the functions above rely on, checked on the modules given. */
function missingShapes(d: DriverModules): string[] {
  const missing: string[] = [];
  const check = (name: string, ok: () => boolean) => {
    let present: boolean;
    try {
      present = ok();
    } catch {
      present = false;
    }
    if (!present) missing.push(name);
  };
  check(
    'lib/prepare-handler.js getPrepared()',
    () => typeof (d.prepareHandler as Partial<PrepareHandlerStatic>).getPrepared === 'function',
  );
  // A client that is never connected: constructing one opens no socket.
  const client = () =>
    new d.Client({ contactPoints: ['127.0.0.1'], localDataCenter: 'dc' }) as unknown as ClientInternals;
  check(
    'client.options.policies.loadBalancing',
    () => typeof client().options.policies.loadBalancing === 'object',
  );
  check('client.metadata.getPreparedInfo()', () => typeof client().metadata.getPreparedInfo === 'function');
  check('lib/connection.js Connection.prototype.bindSocketListeners() using this.netClient', () => {
    const bind = (d.connection as { prototype: Partial<DriverConnection> }).prototype.bindSocketListeners;
    return typeof bind === 'function' && bind.toString().includes('this.netClient');
  });
  check(
    'lib/streams.js Parser.prototype.parseRows() decoding with this.encoder into Rows, and ResultEmitter passing a result item on',
    () => {
      const { Parser, ResultEmitter } = d.streams as {
        Parser: { prototype: Partial<DriverParser> };
        ResultEmitter: { prototype: { each?: unknown } };
      };
      const source = String(Parser.prototype.parseRows);
      return (
        typeof Parser.prototype.handleParsingError === 'function' &&
        [
          'frameInfo.byRow',
          'frameInfo.rowLength',
          'this.encoder.decode(',
          'new types.Row(',
          'reader.readBytes()',
        ].every((part) => source.includes(part)) &&
        String(ResultEmitter.prototype.each).includes('item.result')
      );
    },
  );
  check(
    'lib/connection.js: a parser per socket in bindSocketListeners(), operations by stream id in _operations',
    () => {
      const { prototype } = d.connection as { prototype: Record<string, unknown> };
      return (
        String(prototype.bindSocketListeners).includes('this.parser = new streams.Parser(') &&
        String(prototype._write).includes('_operations.set(streamId, operation)')
      );
    },
  );
  check('ResultSet.rawPageState', () => {
    const pageState = Buffer.from([1, 2, 3]);
    const Rs = d.ResultSet as unknown as new (response: object) => cassandra.types.ResultSet;
    return rawPageState(new Rs({ rows: [], meta: { columns: [], pageState } })) === pageState;
  });
  check('LocalDate._value and LocalDate.date', () => {
    const FromDays = d.LocalDate as unknown as new (days: number) => cassandra.types.LocalDate;
    // One date a JS Date holds (kept in .date) and one it does not (kept in ._value).
    return (
      localDateDays(new FromDays(19_000)) === 19_000 &&
      localDateDays(new FromDays(2 ** 31 - 1)) === 2 ** 31 - 1
    );
  });
  return missing;
}

/** Throws one line naming every internal that is not as the bridge expects. */
export function checkDriverInternals(d: DriverModules = driver): void {
  const missing = missingShapes(d);
  if (missing.length > 0) {
    throw new DriverInternalsError(
      `cassandra-driver ${d.version} lacks internals the bridge relies on (${missing.join('; ')}): ` +
        'install the exact version package.json pins',
    );
  }
}

/** For main.ts: check, or print the one line and exit 1. */
export function checkDriverInternalsOrExit(): void {
  try {
    checkDriverInternals();
  } catch (err) {
    if (err instanceof DriverInternalsError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
