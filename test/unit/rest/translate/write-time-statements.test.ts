// ttl / timestamp on row writes (USING TTL ? AND TIMESTAMP ?, values bound) and ttl(col) /
// writetime(col) in `fields` (selectors, names and result types as Cassandra 5.0 returns them).
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../services/common/src/errors/api-error.js';
import { parseFields } from '../../../../services/rest/src/parse/fields.js';
import { parseWriteOptions } from '../../../../services/rest/src/parse/write-options.js';
import { buildInsertRow } from '../../../../services/rest/src/translate/insert-row.js';
import { buildRowsQuery } from '../../../../services/rest/src/translate/select-rows.js';
import { buildUpdateRow } from '../../../../services/rest/src/translate/update-row.js';
import { events, hits } from '../table-fixture.js';

const row = { sensor: 's', day: '2024-01-01', ts: 0, value: 1.5 };

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (err instanceof ApiError) return `${err.httpStatus} ${err.message}`;
    throw err;
  }
  throw new Error('not refused');
}

describe('write options', () => {
  it('binds ttl and timestamp after the values of an insert', () => {
    const options = parseWriteOptions({ ttl: '60', timestamp: '1700000000000000' }, events);
    const query = buildInsertRow(events, row, true, options);
    expect(query.cql).toBe(
      'INSERT INTO "ks"."events" ("sensor", "day", "ts", "value") VALUES (?, ?, ?, ?) USING TTL ? AND TIMESTAMP ?',
    );
    expect(query.values?.values?.slice(4)).toEqual([{ int: 60 }, { int: '1700000000000000' }]);
  });

  it('binds them before the assignments of an update', () => {
    const key = [{ column: 'sensor', operator: '=' as const, value: { string: 's' } }];
    const query = buildUpdateRow(events, key, { note: 'n' }, true, parseWriteOptions({ ttl: '0' }, events));
    expect(query.cql).toBe('UPDATE "ks"."events" USING TTL ? SET "note" = ? WHERE "sensor" = ?');
    expect(query.values?.values?.[0]).toEqual({ int: 0 });
  });

  it('accepts the bounds and nothing outside them', () => {
    expect(parseWriteOptions({ ttl: '630720000', timestamp: '9007199254740991' }, events)).toEqual({
      ttlSeconds: 630720000,
      timestampMicros: '9007199254740991',
    });
    expect(parseWriteOptions({}, events)).toEqual({});
    for (const ttl of ['-1', '+5', ' 5', '630720001', '1.5', 'abc', '', '1e3', '99999999999999999999999']) {
      expect(refusal(() => parseWriteOptions({ ttl }, events))).toMatch(
        /^400 Invalid 'ttl' parameter, problem: /,
      );
    }
    for (const timestamp of ['-5', '9007199254740992', '2.0', 'now']) {
      expect(refusal(() => parseWriteOptions({ timestamp }, events))).toMatch(
        /^400 Invalid 'timestamp' parameter, problem: .*microseconds/,
      );
    }
    expect(refusal(() => parseWriteOptions({ ttl: ['1', '2'] }, events))).toContain('given more than once');
  });

  it('refuses them on counter tables, as Cassandra does', () => {
    expect(refusal(() => parseWriteOptions({ ttl: '5' }, hits))).toContain(
      'no custom TTL for counter updates',
    );
    expect(refusal(() => parseWriteOptions({ timestamp: '5' }, hits))).toContain(
      "Invalid 'timestamp' parameter",
    );
  });
});

describe('ttl() and writetime() fields', () => {
  it('selects them with quoted column names and returns them under their names', () => {
    const fields = parseFields('note, TTL(note), writetime( value ), ttl(tags)', events);
    expect(fields.map((f) => f.name)).toEqual(['note', 'ttl(note)', 'writetime(value)', 'ttl(tags)']);
    const query = buildRowsQuery({ table: events, fields, where: [], orderBy: [], paging: {} });
    expect(query.cql).toBe('SELECT "note", TTL("note"), WRITETIME("value"), TTL("tags") FROM "ks"."events"');
  });

  it('decodes one number, or one per element of a non-frozen collection', () => {
    const [ttl, writetime, tagTtls] = parseFields('ttl(note),writetime(value),ttl(tags)', events);
    expect(ttl!.codec(true).toJson({ int: '42' })).toBe('42');
    expect(ttl!.codec(true).toJson({ null: {} })).toBe('null');
    expect(writetime!.codec(true).toJson({ int: '1700000000000001' })).toBe('1700000000000001');
    const list = { collection: { elements: [{ int: '5' }, { int: '6' }] } };
    expect(tagTtls!.codec(true).toJson(list)).toBe('[5,6]');
  });

  it('refuses primary key columns and unknown columns', () => {
    expect(refusal(() => parseFields('ttl(ts)', events))).toBe(
      "400 Invalid 'fields' parameter, problem: ttl(ts): 'ts' is a primary key column, and Cassandra keeps a TTL and write time only for the other columns",
    );
    expect(refusal(() => parseFields('writetime(sensor)', events))).toContain('primary key column');
    expect(refusal(() => parseFields('ttl(nope)', events))).toMatch(/Unknown field name 'nope'/);
    expect(refusal(() => parseFields('maxwritetime(note)', events))).toMatch(/Unknown field name/);
  });
});
