// The default heap of a local node: a quarter of the memory, 1–4 GiB for one node, that budget
// shared by the nodes of a cluster with at least 512 MiB each; and the larger heap suggested
// after a node ran out of it.
import { describe, expect, it } from 'vitest';
import { defaultHeapMb, largerHeapMb } from '../../../tools/cassandra-local/heap-size.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

describe('defaultHeapMb', () => {
  it.each([
    [1, 1024], // a quarter would be 256 MiB: at least 1 GiB
    [4, 1024],
    [6, 1536],
    [8, 2048],
    [16, 4096],
    [24, 4096], // this machine: a quarter is 6 GiB, at most 4 GiB
    [64, 4096],
  ])('one node, %d GiB of memory → %d MiB', (gib, heap) => {
    expect(defaultHeapMb(gib * GiB, 1)).toBe(heap);
  });

  it('rounds down to whole 64 MiB', () => {
    // 23.54 GiB / 4 ≈ 6026 MiB → capped; 7.66 GiB / 4 ≈ 1961 MiB → 1920.
    expect(defaultHeapMb(7850 * MiB)).toBe(1920);
    expect(defaultHeapMb(24_105 * MiB)).toBe(4096);
  });

  it.each([
    [24, 2, 2048],
    [24, 3, 1344], // 4096 / 3 = 1365 → 1344
    [8, 3, 640],
    [4, 3, 512], // 1024 / 3 = 341: at least 512 MiB per node
    [64, 9, 512], // 4096 / 9 = 455 → 512
  ])('%d GiB, %d nodes → %d MiB per node: one budget shared, at least 512 MiB each', (gib, nodes, heap) => {
    expect(defaultHeapMb(gib * GiB, nodes)).toBe(heap);
  });
});

describe('largerHeapMb (the advice after an out-of-heap death)', () => {
  it('1 GiB on a 24 GiB machine → the machine default, 4 GiB', () => {
    expect(largerHeapMb(1024, 24 * GiB)).toBe(4096);
  });

  it('at the default already → twice as much, within half of the memory', () => {
    expect(largerHeapMb(4096, 24 * GiB)).toBe(8192);
    expect(largerHeapMb(8192, 24 * GiB)).toBe(12_288);
  });

  it('none when the heap already takes half of the memory', () => {
    expect(largerHeapMb(12_288, 24 * GiB)).toBeUndefined();
    expect(largerHeapMb(1024, 2 * GiB)).toBeUndefined();
  });
});
