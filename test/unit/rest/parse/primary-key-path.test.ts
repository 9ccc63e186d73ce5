import { describe, expect, it } from 'vitest';
import { keyConditions, primaryKeySegments } from '../../../../services/rest/src/parse/primary-key-path.js';
import { events } from '../table-fixture.js';

describe('primary key path', () => {
  it('decodes each segment on its own', () => {
    expect(primaryKeySegments('/v2/keyspaces/ks/events/a%2Fb/2024-01-01?fields=x')).toEqual([
      'a/b',
      '2024-01-01',
    ]);
    expect(primaryKeySegments('/v2/keyspaces/ks/events/s1/')).toEqual(['s1']);
  });

  it('binds a prefix that covers the partition key', () => {
    const conditions = keyConditions(events, ['s1', '2024-01-01'], 'find', true);
    expect(conditions).toEqual([
      { column: 'sensor', operator: '=', value: { string: 's1' } },
      { column: 'day', operator: '=', value: { date: 2147483648 + 19723 } },
    ]);
  });

  it('refuses too few, too many, or wrong values', () => {
    expect(() => keyConditions(events, ['s1'], 'find', true)).toThrow(
      'Invalid path for row to find, problem: Number of key values provided (1) less than number of partition keys (2)',
    );
    expect(() => keyConditions(events, ['s1', '2024-01-01', '0', 'x'], 'delete', true)).toThrow(
      'Invalid path for row to delete, problem: Number of key values provided (4) exceeds number of partition keys (2) and clustering keys (1)',
    );
    expect(() => keyConditions(events, ['s1', '2024-01-01'], 'update', true)).toThrow(
      /an update names one whole row/,
    );
    expect(() => keyConditions(events, ['s1', 'soon'], 'find', true)).toThrow(
      /Invalid path for row to find, problem: Invalid value for column 'day'/,
    );
  });
});
