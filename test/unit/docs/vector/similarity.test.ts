// Exact scores on Cassandra's scale, and the candidates a vector search with a `where` reads.
import { describe, expect, it } from 'vitest';
import { withSimilarity } from '../../../../services/docs/src/respond/scored-page-response.js';
import { candidateLimit } from '../../../../services/docs/src/search/vector-search.js';
import { similarity } from '../../../../services/docs/src/vector/similarity.js';

describe('similarity', () => {
  it('is (1 + cos)/2, (1 + a·b)/2 and 1/(1 + d²), as float32', () => {
    expect(similarity('cosine', [1, 0], [0, 1])).toBe(0.5);
    expect(similarity('cosine', [2, 0], [1, 0])).toBe(1);
    expect(similarity('cosine', [1, 0], [-1, 0])).toBe(0);
    expect(similarity('dot_product', [0.6, 0.8], [0.6, 0.8])).toBe(1);
    expect(similarity('euclidean', [0, 0], [3, 4])).toBe(Math.fround(1 / 26));
    // The README's example, as Cassandra answers it.
    expect(similarity('cosine', [1, 0, 0], [0.9, 0.1, 0].map(Math.fround))).toBeCloseTo(0.99694186, 6);
  });
});

describe('candidateLimit', () => {
  it('is 20k, at least 200, at most 1000, and fewer for very large vectors, never below k', () => {
    expect(candidateLimit(3, { dimension: 64, metric: 'cosine' })).toBe(200);
    expect(candidateLimit(20, { dimension: 64, metric: 'cosine' })).toBe(400);
    expect(candidateLimit(100, { dimension: 64, metric: 'cosine' })).toBe(1000);
    expect(candidateLimit(10, { dimension: 8192, metric: 'cosine' })).toBe(84);
    expect(candidateLimit(100, { dimension: 8192, metric: 'cosine' })).toBe(100);
    // Without a where: 4k.
    expect(candidateLimit(10, { dimension: 64, metric: 'cosine' }, false)).toBe(40);
    expect(candidateLimit(300, { dimension: 64, metric: 'cosine' }, false)).toBe(1000);
  });
});

describe('withSimilarity', () => {
  it('adds $similarity to the stored text of an object', () => {
    expect(withSimilarity('{"a":1}', 0.5)).toBe('{"a":1,"$similarity":0.5}');
    expect(withSimilarity('[1]', 0.5)).toBe('[1]');
  });
});
