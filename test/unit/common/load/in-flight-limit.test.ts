import { describe, expect, it } from 'vitest';
import { InFlightLimit } from '../../../../services/common/src/load/in-flight-limit.js';

describe('InFlightLimit', () => {
  it('admits up to its limit, refuses the next without counting it, admits again after a release', () => {
    const limit = new InFlightLimit(2);
    expect([limit.tryAcquire(), limit.tryAcquire(), limit.tryAcquire()]).toEqual([true, true, false]);
    expect(limit.current).toBe(2);
    limit.release();
    expect(limit.tryAcquire()).toBe(true);
    expect(limit.current).toBe(2);
  });

  it('0 means no limit', () => {
    const limit = new InFlightLimit(0);
    for (let i = 0; i < 10_000; i++) expect(limit.tryAcquire()).toBe(true);
  });

  it('a release too many never goes below zero', () => {
    const limit = new InFlightLimit(1);
    limit.release();
    expect(limit.current).toBe(0);
    expect(limit.tryAcquire()).toBe(true);
    expect(limit.tryAcquire()).toBe(false);
  });

  it('counts amounts (bytes of bodies): one that would pass the ceiling is refused, an empty one never', () => {
    const limit = new InFlightLimit(1000);
    expect(limit.tryAcquire(600)).toBe(true);
    expect(limit.tryAcquire(500)).toBe(false);
    expect(limit.tryAcquire(0)).toBe(true);
    expect(limit.tryAcquire(400)).toBe(true);
    expect(limit.current).toBe(1000);
    limit.release(600);
    expect(limit.current).toBe(400);
  });
});
