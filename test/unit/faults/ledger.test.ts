// The ledger of writes: which values a key may show after acknowledged, failed and in-flight writes.
import { describe, expect, it } from 'vitest';
import { Ledger, mismatch, survived } from '../../../test/faults/ledger.js';

function ledger(): Ledger {
  let n = 0;
  return new Ledger('run1', () => ((n++ % 10) + 0.5) / 10);
}

describe('Ledger', () => {
  it('fixes a key to its acknowledged value and attributes it to the scenario', () => {
    const l = ledger();
    l.scenario = 'node-loss';
    const { entry, value } = l.beginInsert('row', 'rest');
    expect(entry.key).toBe('rest-run1-1');
    expect(entry.busy).toBe(true);
    l.settle(entry, value, true);
    expect(entry).toMatchObject({ expected: [value], acked: true, scenario: 'node-loss', busy: false });
    expect(l.acknowledged()).toEqual([entry]);
    expect(l.ackedByScenario()).toEqual({ 'node-loss': 1 });
  });

  it('keeps a failed write in doubt: absent or written, and never checked unless acknowledged', () => {
    const l = ledger();
    const { entry, value } = l.beginInsert('document', 'docs');
    l.settle(entry, value, false);
    expect(entry.expected).toEqual([null, value]);
    expect(l.acknowledged()).toEqual([]);
    expect(l.take('document')).toBeUndefined();
  });

  it('lets a failed update leave both values possible, and a later read skip the key', () => {
    const l = ledger();
    const { entry, value } = l.beginInsert('row', 'rest');
    l.settle(entry, value, true);
    const taken = l.take('row', 'rest')!;
    expect(taken).toBe(entry);
    expect(l.take('row')).toBeUndefined();
    const next = l.nextValue(entry);
    l.settle(entry, next, false);
    expect(entry.expected).toEqual([value, next]);
    expect(survived(entry, value)).toBe(true);
    expect(survived(entry, next)).toBe(true);
    expect(survived(entry, null)).toBe(false);
    expect(l.take('row')).toBeUndefined();
  });

  it('counts an acknowledged delete as "absent"', () => {
    const l = ledger();
    const { entry, value } = l.beginInsert('row', 'rest');
    l.settle(entry, value, true);
    l.take('row');
    l.settle(entry, null, true);
    expect(survived(entry, null)).toBe(true);
    expect(survived(entry, value)).toBe(false);
  });

  it('hands out settled keys for reads and releases them', () => {
    const l = ledger();
    const { entry, value } = l.beginInsert('row', 'grpc');
    l.settle(entry, value, true);
    expect(l.settled('row', 10)).toEqual([entry]);
    const read = l.take('row')!;
    expect(l.settled('row', 10)).toEqual([]);
    l.release(read);
    expect(l.settled('row', 10)).toEqual([entry]);
    expect(l.take('row', 'rest')).toBeUndefined();
  });

  it('keeps one counter row per scenario', () => {
    const l = ledger();
    l.scenario = 'node-loss';
    l.counter().attempted += 2;
    l.counter().acked += 1;
    l.scenario = 'overload';
    expect(l.counter()).toMatchObject({ key: 'counter-run1-overload', acked: 0 });
    expect(l.allCounters()).toHaveLength(2);
  });
});

describe('mismatch', () => {
  it('names the key, the expected and the read value', () => {
    const l = ledger();
    const { entry } = l.beginInsert('row', 'rest');
    expect(mismatch(entry, 'a', 'a')).toBeUndefined();
    expect(mismatch(entry, 'a', undefined)).toBe('rest-run1-1: expected "a", read null');
  });

  it('names when and in which scenario the expected value was acknowledged', () => {
    const l = ledger();
    l.scenario = 'two-nodes-down';
    const { entry, value } = l.beginInsert('row', 'graphql');
    const before = Date.now();
    l.settle(entry, value, true);
    const problem = mismatch(entry, value, undefined)!;
    const at = /acknowledged (\d\d):(\d\d):(\d\d)\.(\d{3}) UTC in two-nodes-down\)$/.exec(problem);
    expect(at, problem).not.toBeNull();
    const [, h, m, sec, ms] = at!.map(Number);
    const day = new Date(before);
    day.setUTCHours(h!, m!, sec!, ms!);
    // Within a second of the acknowledgement, also across midnight.
    const apart = Math.abs(day.getTime() - before) % 86_400_000;
    expect(Math.min(apart, 86_400_000 - apart)).toBeLessThan(1_000);
  });
});
