import { readFileSync } from 'node:fs';
import cassandra from 'cassandra-driver';
import { describe, expect, it } from 'vitest';
import {
  checkDriverInternals,
  DriverInternalsError,
  type DriverModules,
  installedDriver,
  localDateDays,
  rawPageState,
} from '../../../../services/bridge/src/cassandra/driver-internals.js';

const json = (path: string) =>
  JSON.parse(readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8'));

const PARSER_PER_SOCKET =
  'lib/connection.js: a parser per socket in bindSocketListeners(), operations by stream id in _operations';

describe('driver internals', () => {
  it('pins cassandra-driver to the exact version that is installed and locked', () => {
    const pinned = json('package.json').dependencies['cassandra-driver'];
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(json('package-lock.json').packages['node_modules/cassandra-driver'].version).toBe(pinned);
    expect(installedDriver().version).toBe(pinned);
  });

  it('finds every shape it relies on in the installed driver', () => {
    expect(() => checkDriverInternals()).not.toThrow();
  });

  // A driver whose internals moved: each case swaps one module for one without the expected shape.
  class ClientWithoutPolicies {
    options = {};
    metadata = { getPreparedInfo: () => undefined };
  }
  class ResultSetWithoutRawPageState {
    pageState: string | null = null;
  }
  class LocalDateInOneField {
    constructor(readonly days: number) {}
  }
  it.each<[string, Partial<DriverModules>, string]>([
    ['no PrepareHandler.getPrepared', { prepareHandler: {} }, 'lib/prepare-handler.js getPrepared()'],
    [
      'no Connection.prototype.bindSocketListeners',
      { connection: { prototype: {} } },
      `lib/connection.js Connection.prototype.bindSocketListeners() using this.netClient; ${PARSER_PER_SOCKET}`,
    ],
    [
      'a socket no longer called netClient',
      {
        connection: {
          prototype: {
            bindSocketListeners(this: { socket: { ref(): void } }) {
              this.socket.ref();
            },
          },
        },
      },
      `lib/connection.js Connection.prototype.bindSocketListeners() using this.netClient; ${PARSER_PER_SOCKET}`,
    ],
    [
      'a Parser whose parseRows no longer decodes rows itself',
      {
        streams: {
          Parser: { prototype: { parseRows() {}, handleParsingError() {} } },
          ResultEmitter: { prototype: { each: (item: { result?: unknown }) => item.result } },
        },
      },
      'lib/streams.js Parser.prototype.parseRows() decoding with this.encoder into Rows, and ResultEmitter passing a result item on',
    ],
    [
      'client options without policies',
      { Client: ClientWithoutPolicies as unknown as typeof cassandra.Client },
      'client.options.policies.loadBalancing',
    ],
    [
      'a ResultSet without rawPageState',
      { ResultSet: ResultSetWithoutRawPageState },
      'ResultSet.rawPageState',
    ],
    [
      'a LocalDate that keeps its days elsewhere',
      { LocalDate: LocalDateInOneField as unknown as typeof cassandra.types.LocalDate },
      'LocalDate._value and LocalDate.date',
    ],
  ])('%s: fails with one line naming it', (_case, swap, named) => {
    const driver = { ...installedDriver(), version: '9.9.9', ...swap };
    let error: unknown;
    try {
      checkDriverInternals(driver);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DriverInternalsError);
    const message = (error as Error).message;
    expect(message).toBe(
      `cassandra-driver 9.9.9 lacks internals the bridge relies on (${named}): install the exact version package.json pins`,
    );
    expect(message).not.toContain('\n');
  });

  it('reads the raw paging state and the days of any date', () => {
    const pageState = Buffer.from('0a0b', 'hex');
    const ResultSet = installedDriver().ResultSet as new (response: object) => cassandra.types.ResultSet;
    expect(rawPageState(new ResultSet({ rows: [], meta: { columns: [], pageState } }))).toBe(pageState);
    expect(rawPageState(new ResultSet({ rows: [], meta: { columns: [] } }))).toBeUndefined();
    const { LocalDate } = cassandra.types;
    expect(localDateDays(LocalDate.fromString('1970-01-02'))).toBe(1);
    expect(localDateDays(LocalDate.fromString('1969-12-31'))).toBe(-1);
    expect(
      localDateDays(
        new (LocalDate as unknown as new (days: number) => cassandra.types.LocalDate)(-(2 ** 31)),
      ),
    ).toBe(-(2 ** 31));
  });
});
