import cassandra from 'cassandra-driver';
import { describe, expect, it } from 'vitest';
import { approximateBytes } from '../../../../services/bridge/src/query/bounded-page.js';

describe('approximateBytes (what a decoded row takes, for the page bound)', () => {
  it('counts text by its characters, bytes by their length, fixed-size values as 8', () => {
    expect(approximateBytes('x'.repeat(1000))).toBe(1000);
    expect(approximateBytes(Buffer.alloc(4096))).toBe(4096);
    expect(approximateBytes(42)).toBe(8);
    expect(approximateBytes(null)).toBe(8);
    expect(approximateBytes(new Date())).toBe(8);
  });

  it('adds up collections, tuples and rows, with what they hold', () => {
    const list = ['a'.repeat(100), 'b'.repeat(200)];
    expect(approximateBytes(list)).toBe(8 + 300);
    expect(approximateBytes(new Set(list))).toBe(8 + 300);
    expect(approximateBytes(new Map([['k'.repeat(10), Buffer.alloc(50)]]))).toBe(8 + 60);
    expect(approximateBytes(new Float32Array(1536))).toBe(6144);
    const tuple = new cassandra.types.Tuple('t'.repeat(500), 1);
    expect(approximateBytes(tuple)).toBeGreaterThanOrEqual(500);
    const uuid = cassandra.types.Uuid.random();
    expect(approximateBytes(uuid)).toBeLessThan(64);
    expect(approximateBytes({ k: 1, body: 'x'.repeat(400_000), tags: list })).toBeGreaterThan(400_300);
  });
});
