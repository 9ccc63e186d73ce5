import { describe, expect, it } from 'vitest';
import { parseWhere } from '../../../../services/docs/src/parse/where.js';
import type { Expression } from '../../../../services/docs/src/search/expression.js';

const where = (json: unknown) => parseWhere(JSON.stringify(json), { maxArrayLength: 1000 });
/** Expression without the parsed paths, for readable expectations. */
function shape(e: Expression): unknown {
  if (e.kind === 'condition') {
    const { path, ...rest } = e.condition;
    return { [path.text]: rest };
  }
  return { [e.kind]: e.children.map(shape) };
}

describe('where', () => {
  it('ANDs fields and conditions of one level', () => {
    expect(shape(where({ a: { $gt: 1, $lt: 5 }, b: { $eq: 'x' } }))).toEqual({
      and: [{ a: { op: '$gt', value: 1 } }, { a: { op: '$lt', value: 5 } }, { b: { op: '$eq', value: 'x' } }],
    });
    expect(shape(where({ a: { $exists: true } }))).toEqual({ a: { op: '$exists', value: true } });
    expect(where({})).toEqual({ kind: 'and', children: [] });
  });

  it('flattens the conditions of $or elements into its operands, as Stargate does', () => {
    expect(shape(where({ $or: [{ a: { $eq: 1 } }, { b: { $eq: 2 }, c: { $eq: 3 } }] }))).toEqual({
      or: [{ a: { op: '$eq', value: 1 } }, { b: { op: '$eq', value: 2 } }, { c: { op: '$eq', value: 3 } }],
    });
  });

  it('pushes $not into the conditions', () => {
    expect(shape(where({ $not: { a: { $gt: 1 } } }))).toEqual({ a: { op: '$lte', value: 1 } });
    expect(shape(where({ $not: { $or: [{ a: { $in: [1] } }, { b: { $exists: true } }] } }))).toEqual({
      and: [{ a: { op: '$nin', value: [1] } }, { b: { op: '$exists', value: false } }],
    });
  });

  it('keeps $selectivity on its condition', () => {
    const e = where({ a: { $eq: 1, $selectivity: 0.2 } });
    expect(e.kind === 'condition' && e.condition.selectivity).toBe(0.2);
  });

  it('prefixes paths of an in-document search', () => {
    const e = parseWhere('{"b":{"$eq":1}}', {
      maxArrayLength: 10,
      prefix: [{ kind: 'key', key: 'a' }],
      prefixText: 'a',
    });
    expect(e.kind === 'condition' && e.condition.path).toEqual({
      segments: [
        { kind: 'key', key: 'a' },
        { kind: 'key', key: 'b' },
      ],
      text: 'a.b',
    });
  });

  it('refuses what Stargate refuses, with its messages', () => {
    const bad = (text: string) => () => parseWhere(text, { maxArrayLength: 10 });
    expect(bad('nope')).toThrow(
      'The `where` parameter expects a valid JSON object representing search criteria.',
    );
    expect(bad('"x"')).toThrow('Search was expecting a JSON object as input.');
    expect(bad('{"a":5}')).toThrow('A filter operation and value resolved as invalid.');
    expect(bad('{"a":{"$eq":null}}')).toThrow("Operation '$eq' does not support the provided value null.");
    expect(bad('{"a":{"$in":[]}}')).toThrow('Operation $in was expecting a non-empty list');
    expect(bad('{"$not":{"a":{"$eq":1},"b":{"$eq":2}}}')).toThrow(
      'The $not operator requires exactly one child expression.',
    );
    expect(bad('{"a":{"$eq":1,"$gt":0,"$selectivity":0.5}}')).toThrow(/selectivity hint is not supported/);
    expect(bad('{"a":{"$selectivity":0.5}}')).toThrow("Field 'a' has a selectivity hint but no condition");
    expect(bad('{"a":{"$selectivity":"low","$eq":1}}')).toThrow(/expecting a number/);
  });
});
