// The pure request → Query translations of row reads and writes.
import { describe, expect, it } from 'vitest';
import { parseFields } from '../../../../services/rest/src/parse/fields.js';
import { pagingParameters } from '../../../../services/rest/src/parse/paging.js';
import { keyConditions } from '../../../../services/rest/src/parse/primary-key-path.js';
import { parseSort } from '../../../../services/rest/src/parse/sort.js';
import { buildCountQuery } from '../../../../services/rest/src/translate/count-rows.js';
import { buildInsertRow } from '../../../../services/rest/src/translate/insert-row.js';
import { buildPointRead } from '../../../../services/rest/src/translate/point-read.js';
import { buildRowsQuery } from '../../../../services/rest/src/translate/select-rows.js';
import { buildUpdateRow } from '../../../../services/rest/src/translate/update-row.js';
import { events, hits } from '../table-fixture.js';

describe('row statements', () => {
  it('selects the listed columns with bind markers, order and paging', () => {
    const query = buildRowsQuery({
      table: events,
      fields: parseFields('ts, value', events),
      where: [{ column: 'sensor', operator: '=', value: { string: "x' OR 1=1" } }],
      orderBy: parseSort('{"ts":"asc"}', events).orderBy,
      paging: pagingParameters(10, 'AAEC'),
    });
    expect(query.cql).toBe('SELECT "ts", "value" FROM "ks"."events" WHERE "sensor" = ? ORDER BY "ts" ASC');
    expect(query.values?.values).toEqual([{ string: "x' OR 1=1" }]);
    expect(query.parameters).toEqual({
      pageSize: { value: 10 },
      skipMetadata: true,
      pagingState: { value: Buffer.from([0, 1, 2]) },
    });
  });

  it('reuses the point-read statement of a table and key length, binding only the key values', () => {
    const paging = pagingParameters(undefined, undefined);
    const first = buildPointRead(events, keyConditions(events, ['a', '2024-01-01'], 'find', true), paging);
    const second = buildPointRead(events, keyConditions(events, ['b', '2024-01-02'], 'find', true), paging);
    expect(first.cql).toBe(
      'SELECT "sensor", "day", "ts", "attrs", "note", "tags", "value" FROM "ks"."events" WHERE "sensor" = ? AND "day" = ?',
    );
    expect(second.cql).toBe(first.cql);
    expect(second.values?.values).toEqual([{ string: 'b' }, { date: 2147483648 + 19724 }]);
    const row = buildPointRead(events, keyConditions(events, ['a', '2024-01-01', '0'], 'find', true), paging);
    expect(row.cql).toMatch(/WHERE "sensor" = \? AND "day" = \? AND "ts" = \?$/);
  });

  it('inserts every given column and requires the primary key', () => {
    const query = buildInsertRow(events, { sensor: 's', day: '2024-01-01', ts: 0, value: 1.5 }, true);
    expect(query.cql).toBe('INSERT INTO "ks"."events" ("sensor", "day", "ts", "value") VALUES (?, ?, ?, ?)');
    expect(() => buildInsertRow(events, { sensor: 's', value: 1 }, true)).toThrow(
      "Missing value for primary key columns 'day', 'ts'",
    );
    expect(() => buildInsertRow(events, { sensor: 's', day: '2024-01-01', ts: 0, bogus: 1 }, true)).toThrow(
      /Unknown field name 'bogus'/,
    );
  });

  it('increments counters and sets other columns', () => {
    const key = [{ column: 'page', operator: '=' as const, value: { string: 'home' } }];
    expect(buildUpdateRow(hits, key, { count: '+2' }, true).cql).toBe(
      'UPDATE "ks"."hits" SET "count" = "count" + ? WHERE "page" = ?',
    );
    expect(buildUpdateRow(hits, key, { count: '-3' }, true).values?.values?.[0]).toEqual({ int: '-3' });
    expect(() => buildUpdateRow(hits, key, { page: 'x' }, true)).toThrow(/part of the primary key/);
    expect(() => buildUpdateRow(hits, key, {}, true)).toThrow('The request body names no column to update');
  });

  it('counts with the same conditions as a read', () => {
    expect(buildCountQuery(events, []).cql).toBe('SELECT COUNT(*) FROM "ks"."events"');
  });

  it('refuses unknown sort and fields columns, and page states that are not base64', () => {
    expect(() => parseSort('{"nope":"asc"}', events)).toThrow(
      /Invalid 'sort' parameter, problem: Unknown field name 'nope'/,
    );
    expect(() => parseSort('asc', events)).toThrow(/not valid JSON/);
    expect(() => parseFields('ts,nope', events)).toThrow(/Invalid 'fields' parameter/);
    expect(() => pagingParameters(undefined, 'not base64!')).toThrow(/Invalid 'page-state' parameter/);
    expect(pagingParameters(undefined, 'AA+B').pagingState).toEqual(
      pagingParameters(undefined, 'AA B').pagingState,
    );
  });
});
