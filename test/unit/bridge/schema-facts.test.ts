// The facts authorization reads about a keyspace (its functions, aggregates and masked columns),
// cached per keyspace: bounded in approximate bytes as well as in count, since their size is the
// choice of whoever may mask columns or create functions.
import type cassandra from 'cassandra-driver';
import { describe, expect, it } from 'vitest';
import { CassandraSchemaFacts } from '../../../services/bridge/src/auth/schema-facts.js';

/** Every keyspace has `tables` tables with `masked` masked columns each, and no functions. */
function maskedCluster(tables: number, masked: number) {
  const masks = Array.from({ length: tables }, (_, t) =>
    Array.from({ length: masked }, (_, c) => ({ table_name: `table_${t}`, column_name: `column_${c}` })),
  ).flat();
  return {
    async execute(cql: string) {
      return { rows: cql.includes('column_masks') ? masks : [] };
    },
  } as unknown as cassandra.Client;
}

describe('CassandraSchemaFacts', () => {
  it('answers the masked columns of 100 keyspaces masking 3,960 columns each, keeping ~8 MiB of them, not 100', async () => {
    const client = maskedCluster(120, 33);
    const facts = new CassandraSchemaFacts(() => client, 60_000);
    for (let k = 0; k < 100; k++) {
      const { maskedColumns } = await facts.keyspace(`ks${k}`);
      expect(maskedColumns.get('table_119')?.has('column_32')).toBe(true);
    }
    await Promise.resolve();
    // ~80 bytes and the characters per name: ~370 KB a keyspace, ~22 of them in 8 MiB.
    expect(facts.size).toBeGreaterThanOrEqual(15);
    expect(facts.size).toBeLessThanOrEqual(30);
  });

  it('keeps the facts of 1,000 keyspaces without masks or functions', async () => {
    const facts = new CassandraSchemaFacts(() => maskedCluster(0, 0), 60_000);
    for (let k = 0; k < 1_000; k++) await facts.keyspace(`ks${k}`);
    expect(facts.size).toBe(1_000);
  });
});
