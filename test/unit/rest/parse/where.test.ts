import { describe, expect, it } from 'vitest';
import { parseWhere } from '../../../../services/rest/src/parse/where.js';
import { events } from '../table-fixture.js';

const parse = (where: unknown) =>
  parseWhere(typeof where === 'string' ? where : JSON.stringify(where), events, true);

describe('parseWhere', () => {
  it("reads Stargate's operators into bound conditions", () => {
    const conditions = parse({
      sensor: { $eq: 's1' },
      day: { $in: ['2024-01-01', '2024-01-02'] },
      ts: { $gt: '2024-01-01T00:00:00Z', $lte: 1704067200000 },
      tags: { $contains: 'red' },
      attrs: { $containsKey: 'a', $containsEntry: { key: 'b', value: 2 } },
    });
    expect(conditions.map((c) => [c.column, c.operator])).toEqual([
      ['sensor', '='],
      ['day', 'IN'],
      ['ts', '>'],
      ['ts', '<='],
      ['tags', 'CONTAINS'],
      ['attrs', 'CONTAINS KEY'],
      ['attrs', '='],
    ]);
    expect(conditions[0]!.value).toEqual({ string: 's1' });
    expect(conditions[3]!.value).toEqual({ int: '1704067200000' });
    expect(conditions[6]!.mapKey).toEqual({ string: 'b' });
    expect(conditions[6]!.value).toEqual({ int: 2 });
  });

  it('turns an array operand of a comparison into one condition per element', () => {
    expect(parse({ value: { $gt: [1, 2] } }).map((c) => c.value)).toEqual([{ double: 1 }, { double: 2 }]);
  });

  it('answers bad clauses with Stargate-style messages', () => {
    const problem = (where: unknown) => {
      try {
        parse(where);
      } catch (err) {
        return (err as Error).message;
      }
      return 'no error';
    };
    expect(problem('{"sensor":')).toMatch(
      /^Invalid 'where' parameter, problem: Input provided is not valid json\./,
    );
    expect(problem('[1]')).toBe(
      "Invalid 'where' parameter, problem: Was expecting a JSON object as input for where parameter.",
    );
    expect(problem({ sensor: 's1' })).toBe(
      "Invalid 'where' parameter, problem: Entry for field sensor was expecting a JSON object as input.",
    );
    expect(problem({ sensor: { $ne: 's1' } })).toBe(
      "Invalid 'where' parameter, problem: Operation $ne is not supported.",
    );
    expect(problem({ sensor: { $eq: null } })).toBe(
      "Invalid 'where' parameter, problem: Value entry for field sensor, operation $eq was expecting a value, but found null.",
    );
    expect(problem({ sensor: { $in: [] } })).toBe(
      "Invalid 'where' parameter, problem: Value entry for field 'sensor', operation $in must be a non-empty array",
    );
    expect(problem({ nope: { $eq: 1 } })).toBe(
      "Invalid 'where' parameter, problem: Unknown field name 'nope' (table 'events'); known fields: [sensor, day, ts, attrs, note, tags, value]",
    );
    expect(problem({ note: { $contains: 'x' } })).toMatch(/Field 'note' not of container type/);
    expect(problem({ tags: { $containsKey: 'x' } })).toMatch(/Field 'tags' not of map type/);
    expect(problem({ day: { $eq: 'tomorrow' } })).toBe(
      `Invalid 'where' parameter, problem: Invalid value for column 'day': expected date (a string "yyyy-mm-dd"), got String "tomorrow"`,
    );
    expect(problem('{"sensor":{"$eq":"a","$eq":"b"}}')).toMatch(/Duplicate key/);
  });
});
