import { describe, expect, it } from 'vitest';
import { layoutOfColumns, rowsResponse } from '../../../../services/rest/src/respond/rows-response.js';
import { events } from '../table-fixture.js';

describe('rowsResponse', () => {
  const columns = [events.column('sensor')!, events.column('attrs')!];
  const resultSet = {
    rows: [
      {
        values: [
          { inner: 'string' as const, string: 's"1' },
          {
            inner: 'collection' as const,
            collection: {
              elements: [
                { inner: 'string' as const, string: 'a' },
                { inner: 'int' as const, int: '7' },
              ],
            },
          },
        ],
      },
    ],
    pagingState: { value: Buffer.from([1, 2, 3]) },
  };

  it("writes Stargate's envelope with the base64 page state", () => {
    expect(rowsResponse(resultSet, layoutOfColumns(columns, true), false)).toBe(
      '{"count":1,"pageState":"AQID","data":[{"sensor":"s\\"1","attrs":{"a":7}}]}',
    );
  });

  it('writes only the rows when raw, maps as entries when not compact', () => {
    expect(rowsResponse(resultSet, layoutOfColumns(columns, false), true)).toBe(
      '[{"sensor":"s\\"1","attrs":[{"key":"a","value":7}]}]',
    );
    expect(rowsResponse({ rows: [] }, layoutOfColumns(columns, true), false)).toBe('{"count":0,"data":[]}');
  });
});
