import { describe, expect, it } from 'vitest';
import { descriptionExtent } from '../../../../services/common/src/schema/description-extent.js';
import { sampleKeyspace } from '../../graphql/support/sample-keyspace.js';

describe('descriptionExtent', () => {
  it('counts tables, views and UDTs, their columns and fields, objects and text', () => {
    const extent = descriptionExtent(sampleKeyspace());
    const described = sampleKeyspace();
    const columns = (described.tables ?? []).reduce(
      (n, t) =>
        n +
        (t.partitionKeyColumns?.length ?? 0) +
        (t.clusteringKeyColumns?.length ?? 0) +
        (t.staticColumns?.length ?? 0) +
        (t.columns?.length ?? 0),
      0,
    );
    expect(extent.tables).toBe((described.tables?.length ?? 0) + (described.types?.length ?? 0));
    expect(extent.columns).toBe(columns + 2); // the UDT's two fields
    expect(extent.objects).toBeGreaterThan(columns);
    expect(extent.textBytes).toBeGreaterThan(JSON.stringify(described).replace(/[^\w]/g, '').length / 2);
  });

  it('counts a long comment, twice beyond Latin-1', () => {
    const table = (comment: string) => ({ tables: [{ name: 't', options: { comment } }] });
    const base = descriptionExtent(table('')).textBytes;
    expect(descriptionExtent(table('é'.repeat(100_000))).textBytes - base).toBe(100_000);
    expect(descriptionExtent(table('€'.repeat(100_000))).textBytes - base).toBe(200_000);
  });

  it('counts a UDT spec once per column that carries it', () => {
    const udt = {
      udt: { name: 'u', fields: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, {}])) },
    };
    const columns = (n: number) => ({
      tables: [{ name: 't', columns: Array.from({ length: n }, (_, i) => ({ name: `c${i}`, type: udt })) }],
    });
    const one = descriptionExtent(columns(1)).objects;
    expect(descriptionExtent(columns(11)).objects - one).toBe(10 * (one - 2));
  });
});
