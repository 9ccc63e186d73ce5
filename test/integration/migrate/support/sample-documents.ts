// Documents of every shape Stargate's layout holds — nested objects, arrays of scalars, objects and
// arrays, empty objects and arrays, whole and fractional numbers, booleans, nulls, escaped field
// names, array roots — from a seeded generator, each with the document Stargate answered for it.
// Some have a TTL, some were patched later (rows of two writes), some were overwritten by a pre-v2
// Stargate without deleting first (older rows of another shape left under the newer value).

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface SampleDocument {
  id: string;
  /** What the client sent to Stargate. */
  input: Json;
  /** What Stargate's GET answered (and ours must). */
  expected: Json;
  ttl?: number;
  /** A later PATCH of one top-level key. */
  patch?: { key: string; value: Json };
  /** A later write of a scalar over an object, without deleting the object's rows. */
  overwrite?: { key: string; value: Json };
}

/** mulberry32: small, seeded, good enough for test data. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CITIES = ['Roma', 'Zürich', 'São Paulo', 'Kraków', '東京', 'Reykjavík'];
const TAGS = ['sci-fi', 'classic', 'award', 'series', 'translated'];

export function sampleDocuments(count: number, seed = 20): SampleDocument[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const docs: SampleDocument[] = [];
  for (let i = 0; i < count; i++) {
    const id = i % 7 === 0 ? `book-${i}` : `b${String(i).padStart(4, '0')}-${Math.floor(random() * 1e6)}`;
    if (i % 250 === 3) {
      // A document whose root is an array.
      const input: Json = [i, 'two', { three: [3, {}] }, [], null, true];
      docs.push({ id, input, expected: input });
      continue;
    }
    const tagCount = Math.floor(random() * 4);
    const doc: { [key: string]: Json } = {
      title: `Book ${i}`,
      number: i,
      price: Math.round(random() * 10000) / 100,
      ratio: i / 7,
      negative: -i - 0.5,
      big: 2 ** 40 + i,
      available: i % 2 === 0,
      discontinued: null,
      author: {
        name: { first: `First${i % 13}`, last: `Last${i % 17}` },
        born: 1900 + (i % 100),
        address: {
          city: pick(CITIES),
          zip: String(10000 + i),
          geo: [random() * 180 - 90, random() * 360 - 180],
        },
      },
      tags: Array.from({ length: tagCount }, () => pick(TAGS)),
      ratings: Array.from({ length: 1 + (i % 3) }, (_, k) => ({
        user: `u${k}`,
        score: (i + k) % 5,
        verified: k % 2 === 0,
      })),
      matrix: [[i, i + 1], [], [[i]]],
      mixed: [1, 'two', false, null, {}, [], { x: i }],
      meta: i % 3 === 0 ? {} : { edition: 1 + (i % 4), notes: i % 5 === 0 ? [] : ['first print'] },
      deep: { l1: { l2: { l3: { l4: { l5: { value: i, empty: {} } } } } } },
      text: i % 11 === 0 ? '' : `ünïcødé ☃ ${i} "quoted" 'single'`,
      numericString: String(i),
    };
    const input: { [key: string]: Json } = { ...doc };
    const expected: { [key: string]: Json } = { ...doc };
    if (i % 10 === 0) {
      // Stargate's escapes in field names: written `a\.b`, stored and answered as `a.b`.
      input['dotted\\.name'] = i;
      input['comma\\,name'] = { 'star\\*': true };
      expected['dotted.name'] = i;
      expected['comma,name'] = { 'star*': true };
    }
    const sample: SampleDocument = { id, input, expected };
    if (i % 100 === 0) sample.ttl = 86_400;
    if (i % 40 === 1) {
      sample.patch = { key: 'meta', value: { patched: true, at: [i] } };
      expected.meta = sample.patch.value;
    }
    if (i % 40 === 2) {
      sample.overwrite = { key: 'author', value: `replaced ${i}` };
      expected.author = sample.overwrite.value;
    }
    docs.push(sample);
  }
  return docs;
}
