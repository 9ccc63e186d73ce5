// Driver ResultSets as cassandra-driver hands them to the bridge, for in-process benchmarks of the
// bridge's reply building: a page of bench.pages (pk int, ck int, v text) and a page of wide rows
// holding one value of many CQL types.
import cassandra from 'cassandra-driver';
import { PAGE_ROWS, pageValue } from './dataset.js';

const { types } = cassandra;
const T = types.dataTypes;

interface Column {
  name: string;
  type: { code: number; info?: unknown };
}

type RowCtor = new (columns: Column[]) => Record<string, unknown>;
type ResultSetCtor = new (response: object) => cassandra.types.ResultSet;

export function driverResultSet(
  columns: Column[],
  values: unknown[][],
  pageState?: Buffer,
): cassandra.types.ResultSet {
  const { Row, ResultSet } = types as unknown as { Row: RowCtor; ResultSet: ResultSetCtor };
  const rows = values.map((vs) => {
    const row = new Row(columns);
    columns.forEach((c, i) => {
      row[c.name] = vs[i];
    });
    return row;
  });
  return new ResultSet({ rows, meta: { columns, pageState } });
}

export const PAGES_COLUMNS: Column[] = [
  { name: 'pk', type: { code: T.int } },
  { name: 'ck', type: { code: T.int } },
  { name: 'v', type: { code: T.text } },
];

/** A 100-row page of bench.pages, with a paging state as when more pages follow. */
export function pagesPage(rows = PAGE_ROWS): cassandra.types.ResultSet {
  const values = Array.from({ length: rows }, (_, ck) => [42, ck, pageValue(42, ck)]);
  return driverResultSet(PAGES_COLUMNS, values, Buffer.alloc(40, 7));
}

export const WIDE_COLUMNS: Column[] = [
  { name: 'id', type: { code: T.uuid } },
  { name: 'n', type: { code: T.bigint } },
  { name: 'at', type: { code: T.timestamp } },
  { name: 'score', type: { code: T.double } },
  { name: 'ok', type: { code: T.boolean } },
  { name: 'tags', type: { code: T.list, info: { code: T.text } } },
  { name: 'counts', type: { code: T.map, info: [{ code: T.text }, { code: T.int }] } },
  { name: 'data', type: { code: T.blob } },
  { name: 'price', type: { code: T.decimal } },
  { name: 'big', type: { code: T.varint } },
  { name: 'name', type: { code: T.text } },
];

export function wideValues(i: number): unknown[] {
  return [
    types.Uuid.random(),
    types.Long.fromString(`${9_000_000_000_000 + i}`),
    new Date(1_700_000_000_000 + i * 1000),
    i * 1.25,
    i % 2 === 0,
    ['alpha', 'beta', `tag-${i}`],
    new Map([
      ['a', i],
      ['b', -i],
    ]),
    Buffer.alloc(32, i & 0xff),
    types.BigDecimal.fromString(`${i}.0125`),
    types.Integer.fromString(`123456789012345678901234567890${i}`),
    `name-${i}`,
  ];
}

/** A 100-row page of wide rows. */
export function widePage(rows = PAGE_ROWS): cassandra.types.ResultSet {
  const values = Array.from({ length: rows }, (_, i) => wideValues(i));
  return driverResultSet(WIDE_COLUMNS, values, Buffer.alloc(40, 7));
}
