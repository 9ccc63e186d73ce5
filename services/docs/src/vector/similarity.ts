// Exact similarity scores, as Cassandra's similarity_cosine / similarity_dot_product /
// similarity_euclidean compute them (float32 results, higher is nearer): a search that must rank
// documents the vector index did not return scores them here, on the same scale.
import type { VectorMetric } from './vector-settings.js';

export function similarity(metric: VectorMetric, a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  let distance = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    normA += x * x;
    normB += y * y;
    distance += (x - y) * (x - y);
  }
  switch (metric) {
    case 'cosine':
      return Math.fround((1 + dot / Math.sqrt(normA * normB)) / 2);
    case 'dot_product':
      return Math.fround((1 + dot) / 2);
    case 'euclidean':
      return Math.fround(1 / (1 + distance));
  }
}
