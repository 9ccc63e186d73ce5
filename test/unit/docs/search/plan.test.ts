import { describe, expect, it } from 'vitest';
import { parseWhere } from '../../../../services/docs/src/parse/where.js';
import { planSearch, returnsExactlyTheMatches } from '../../../../services/docs/src/search/plan.js';

const plan = (where: unknown) => planSearch(parseWhere(JSON.stringify(where), { maxArrayLength: 100 }));
const labels = (where: unknown) => plan(where).drivers.map((d) => d.label);
const exactlyTheMatches = (where?: unknown) => {
  const parsed = parseWhere(where === undefined ? undefined : JSON.stringify(where), { maxArrayLength: 100 });
  return returnsExactlyTheMatches(planSearch(parsed), parsed);
};

describe('search plans', () => {
  it('serves a condition on a path through the path and value indexes', () => {
    expect(labels({ price: { $eq: 10 } })).toEqual(["p = 'price' AND dbl = 10"]);
    expect(labels({ 'a.b': { $eq: 'x' } })).toEqual(["p = 'a.b' AND txt = 'x'"]);
    expect(labels({ 'a.[2]': { $gt: 1 } })).toEqual(["p = 'a.[2]' AND dbl > 1"]);
    expect(labels({ ok: { $eq: true } })).toEqual(["p = 'ok' AND bool = true"]);
    expect(labels({ a: { $exists: true } })).toEqual(["p = 'a'"]);
    expect(plan({ price: { $eq: 10 } }).drivers[0]!.exact).toBe(true);
  });

  it('uses the generalized path for [*], the leaf name for *', () => {
    expect(labels({ 'items.[*].price': { $lt: 3 } })).toEqual(["gp = 'items.[*].price' AND dbl < 3"]);
    expect(labels({ '*.price': { $lt: 3 } })).toEqual(["leaf = 'price' AND dbl < 3"]);
    expect(labels({ 'a.*': { $eq: 'v' } })).toEqual(["txt = 'v'"]);
  });

  it('filters text ranges in Cassandra on the rows the path index finds', () => {
    const [driver] = plan({ name: { $gt: 'm' } }).drivers;
    expect(driver!.label).toBe("p = 'name' AND txt >= 'm' ALLOW FILTERING");
    expect(driver!.exact).toBe(false);
  });

  it('expands $in and comma alternatives into one index query each', () => {
    expect(labels({ n: { $in: [1, 2] } })).toEqual(["p = 'n' AND dbl = 1", "p = 'n' AND dbl = 2"]);
    expect(labels({ 'a,b': { $eq: 1 } })).toEqual(["p = 'a' AND dbl = 1", "p = 'b' AND dbl = 1"]);
    expect(labels({ n: { $in: [1, null] } })).toEqual(["p = 'n'"]);
  });

  it('drives an AND by its cheapest operand, honouring $selectivity', () => {
    expect(labels({ a: { $exists: true }, b: { $eq: 1 } })).toEqual(["p = 'b' AND dbl = 1"]);
    expect(labels({ a: { $gt: 1, $selectivity: 0.1 }, b: { $eq: 1 } })).toEqual(["p = 'a' AND dbl > 1"]);
    expect(labels({ a: { $ne: 1 }, b: { $lt: 1 } })).toEqual(["p = 'b' AND dbl < 1"]);
  });

  it('bounds one leaf on both sides in one index query', () => {
    const where = parseWhere('{"n":{"$gt":1,"$lte":5}}', { maxArrayLength: 100 });
    const { drivers } = planSearch(where);
    expect(drivers.map((d) => d.label)).toEqual(["p = 'n' AND dbl > 1 AND dbl <= 5"]);
    expect(drivers[0]!.exact).toBe(true);
    expect(drivers[0]!.source).toBe(where);
    // Not for globs: the bounds may hold on different elements.
    expect(labels({ 'l.[*]': { $gt: 1, $lt: 5 } })).toEqual(["gp = 'l.[*]' AND dbl > 1"]);
  });

  it('runs every operand of an OR, or scans when one cannot use an index', () => {
    expect(labels({ $or: [{ a: { $eq: 1 } }, { b: { $eq: 2 } }] })).toEqual([
      "p = 'a' AND dbl = 1",
      "p = 'b' AND dbl = 2",
    ]);
    expect(labels({ $or: [{ a: { $eq: 1 } }, { b: { $ne: 2 } }] })).toEqual(['scan']);
    expect(labels({ a: { $ne: 1 } })).toEqual(['scan']);
    expect(labels({ a: { $nin: [1] } })).toEqual(['scan']);
    expect(labels({ a: { $exists: false } })).toEqual(['scan']);
    expect(labels({})).toEqual(['scan']);
  });

  it('knows when every row of the query is a match (no check after reading, no read-ahead)', () => {
    expect(exactlyTheMatches({ city: { $eq: 'Paris' } })).toBe(true);
    expect(exactlyTheMatches({ price: { $gt: 1, $lt: 9 } })).toBe(true);
    expect(exactlyTheMatches()).toBe(true);
    expect(exactlyTheMatches({ city: { $eq: 'x'.repeat(2000) } })).toBe(false);
    expect(exactlyTheMatches({ 'items.[*].price': { $lt: 3 } })).toBe(false);
    expect(exactlyTheMatches({ city: { $eq: 'Paris' }, price: { $gt: 1 } })).toBe(false);
    expect(exactlyTheMatches({ city: { $in: ['Paris', 'Rome'] } })).toBe(false);
    expect(exactlyTheMatches({ city: { $ne: 'Paris' } })).toBe(false);
    expect(exactlyTheMatches({ name: { $gt: 'm' } })).toBe(false);
  });
});
