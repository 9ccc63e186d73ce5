// The soak's RSS drift: first fifth against last fifth of the samples after the warm-up.
import { describe, expect, it } from 'vitest';
import { rssDrift } from '../../../test/faults/rss-sampler.js';

describe('rssDrift', () => {
  it('ignores the warm-up and compares the first and last fifth', () => {
    const samples = [
      { at: 0, mib: 50 },
      ...Array.from({ length: 10 }, (_, i) => ({ at: 100 + i, mib: 100 + i * 2 })),
    ];
    const drift = rssDrift(samples, 100)!;
    expect(drift.startMiB).toBe(101);
    expect(drift.endMiB).toBe(117);
    expect(drift.drift).toBeCloseTo(16 / 101, 6);
    expect(drift.peakMiB).toBe(118);
  });

  it('needs two samples after the warm-up', () => {
    expect(rssDrift([{ at: 200, mib: 1 }], 100)).toBeUndefined();
  });
});
