// The ann scenario's requests as REST and the driver receive them, and its data: the same
// distinct vectors in every run.
import { describe, expect, it } from 'vitest';
import { ANN_DIMENSIONS, annQueryVector, annVector } from '../../../bench/lib/ann-dataset.js';
import { ANN_CQL, annRestProblem, annRestRequest } from '../../../bench/lib/ann-scenario.js';

describe('ann scenario requests', () => {
  it('REST: GET /rows with sort {"v":{"$vector":[64 numbers]}}, page-size 10, fields id', () => {
    const vector = annQueryVector(3);
    const { method, path } = annRestRequest(vector);
    expect(method).toBe('GET');
    const url = new URL(path, 'http://localhost');
    expect(url.pathname).toBe('/v2/keyspaces/bench/ann/rows');
    expect([...url.searchParams.keys()]).toEqual(['sort', 'page-size', 'fields']);
    expect(JSON.parse(url.searchParams.get('sort')!)).toEqual({ v: { $vector: vector } });
    expect(url.searchParams.get('page-size')).toBe('10');
    expect(url.searchParams.get('fields')).toBe('id');
  });

  it('the driver: SELECT id … ORDER BY v ANN OF ? LIMIT 10', () => {
    expect(ANN_CQL).toBe('SELECT id FROM bench.ann ORDER BY v ANN OF ? LIMIT 10');
  });

  it('accepts only 10 rows of {"id"}', () => {
    const rows = Array.from({ length: 10 }, (_, id) => ({ id }));
    expect(annRestProblem(200, JSON.stringify({ count: 10, data: rows }))).toBeUndefined();
    expect(annRestProblem(200, JSON.stringify({ count: 9, data: rows.slice(1) }))).toBe('expected 10 rows');
    expect(annRestProblem(200, JSON.stringify({ count: 10, data: rows.map((r) => ({ ...r, v: [] })) }))).toBe(
      'expected rows of {"id": n}',
    );
    expect(annRestProblem(400, '{}')).toBe('not 200');
  });
});

describe('ann vectors', () => {
  it('are the same in every run, 64 float32 values in [-1, 1), all different', () => {
    expect(annVector(42)).toEqual(annVector(42));
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const v = annVector(i);
      expect(v).toHaveLength(ANN_DIMENSIONS);
      for (const x of v) {
        expect(Math.fround(x)).toBe(x);
        expect(x >= -1 && x < 1).toBe(true);
      }
      seen.add(v.join());
    }
    expect(seen.size).toBe(2000);
    expect(annQueryVector(0)).not.toEqual(annVector(0));
  });
});
