// Embedding-like vectors for the vector-search tests, the same on every run: a few hidden
// dimensions projected to the stored dimension plus a little noise (so neighbours are meaningful,
// as with real embeddings), stored as float32. And the exact scores Cassandra's similarity
// functions give (similarity_cosine = (1 + cos) / 2, similarity_dot_product = (1 + dot) / 2,
// similarity_euclidean = 1 / (1 + squared distance)), to compute the true top-k in the test.

export type Similarity = 'COSINE' | 'DOT_PRODUCT' | 'EUCLIDEAN';

import { seededUniform } from './seeded-random.js';

export { seededUniform };

/** A standard normal draw (Box–Muller) from a uniform source. */
export function gaussianFrom(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

export class EmbeddingSpace {
  private readonly next: () => number;
  private readonly projection: number[][];

  constructor(
    seed: number,
    readonly dimension: number,
    readonly hiddenDimensions = 8,
    readonly noise = 0.15,
  ) {
    this.next = seededUniform(seed);
    this.projection = Array.from({ length: hiddenDimensions }, () =>
      Array.from({ length: dimension }, () => this.gaussian()),
    );
  }

  gaussian(): number {
    return gaussianFrom(this.next);
  }

  /** Uniform in [from, to). */
  between(from: number, to: number): number {
    return from + (to - from) * this.next();
  }

  /** One vector; unit length when `normalized` (what DOT_PRODUCT indexes expect). */
  vector(normalized = false): number[] {
    const hidden = Array.from({ length: this.hiddenDimensions }, () => this.gaussian());
    const out = new Array<number>(this.dimension).fill(0);
    for (let i = 0; i < this.hiddenDimensions; i++) {
      for (let j = 0; j < this.dimension; j++) out[j]! += hidden[i]! * this.projection[i]![j]!;
    }
    for (let j = 0; j < this.dimension; j++) out[j]! += this.noise * this.gaussian();
    const scale = normalized ? 1 / Math.hypot(...out) : 1 / Math.sqrt(this.hiddenDimensions);
    return out.map((x) => Math.fround(x * scale));
  }
}

/** The score Cassandra's similarity_<function>(column, query) returns. */
export function similarity(fn: Similarity, a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  let squared = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
    squared += (a[i]! - b[i]!) ** 2;
  }
  if (fn === 'COSINE') return (1 + dot / Math.sqrt(aa * bb)) / 2;
  if (fn === 'DOT_PRODUCT') return (1 + dot) / 2;
  return 1 / (1 + squared);
}

/** The keys of the k rows most similar to `query`, best first (exact: every row compared). */
export function exactTopK<K>(
  fn: Similarity,
  rows: ReadonlyArray<{ key: K; vector: readonly number[] }>,
  query: readonly number[],
  k: number,
): K[] {
  return rows
    .map((r) => ({ key: r.key, score: similarity(fn, r.vector, query) }))
    .sort((x, y) => y.score - x.score)
    .slice(0, k)
    .map((r) => r.key);
}

/** Share of `expected` found in `got` (recall@k). */
export function recall<K>(got: readonly K[], expected: readonly K[]): number {
  const found = new Set(got);
  return expected.filter((k) => found.has(k)).length / expected.length;
}
