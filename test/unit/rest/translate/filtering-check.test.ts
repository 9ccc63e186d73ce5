import { describe, expect, it } from 'vitest';
import type { Condition } from '../../../../services/common/src/cql/condition.js';
import { checkFilterable } from '../../../../services/rest/src/translate/filtering-check.js';
import { events } from '../table-fixture.js';

const eq = (column: string): Condition => ({ column, operator: '=', value: { string: 'x' } });

describe('checkFilterable', () => {
  it('lets queries the primary key or an index can serve through', () => {
    expect(() => checkFilterable(events, [eq('sensor'), eq('day')])).not.toThrow();
    expect(() =>
      checkFilterable(events, [eq('sensor'), eq('day'), { ...eq('ts'), operator: '>' }]),
    ).not.toThrow();
    expect(() => checkFilterable(events, [eq('note')])).not.toThrow();
    expect(() => checkFilterable(events, [])).not.toThrow();
  });

  it('explains why a query would need ALLOW FILTERING', () => {
    expect(() => checkFilterable(events, [eq('sensor'), eq('day'), eq('value')])).toThrow(
      "Invalid 'where' parameter, problem: column 'value' is neither part of the primary key nor indexed.",
    );
    expect(() => checkFilterable(events, [eq('sensor')])).toThrow(
      /the partition key \(sensor, day\) is only partly restricted: day has no \$eq or \$in condition/,
    );
    expect(() => checkFilterable(events, [eq('ts')])).toThrow(
      /clustering column 'ts' is restricted but the partition key \(sensor, day\) is not/,
    );
  });
});
