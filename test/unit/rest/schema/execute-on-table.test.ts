// executeOnTableEncoded against an in-memory bridge: the read is translated again for the table's
// new view when the keyspace changed under it, the bridge's Response bytes come back untouched,
// and a keyspace that keeps changing or is gone fails as before.
import { describe, expect, it } from 'vitest';
import type { BridgeClient } from '../../../../services/common/src/bridge/bridge-client.js';
import { ApiError } from '../../../../services/common/src/errors/api-error.js';
import {
  type KeyspaceDescription,
  SchemaCache,
} from '../../../../services/common/src/schema/schema-cache.js';
import { executeOnTableEncoded } from '../../../../services/rest/src/schema/execute-on-table.js';

function description(hash: number, columns: string[]): KeyspaceDescription {
  return {
    cqlKeyspace: { name: 'ks' },
    hash: { value: hash },
    tables: [
      {
        name: 't',
        partitionKeyColumns: [{ name: 'id', type: { basic: 13 } }],
        clusteringKeyColumns: [],
        staticColumns: [],
        columns: columns.map((name) => ({ name, type: { basic: 13 } })),
      },
    ],
  } as unknown as KeyspaceDescription;
}

const ENCODED_RESPONSE = Buffer.from([0x0a, 0x00]);

/** A bridge whose keyspace changes to `next()` after each query that was built for an old hash. */
function fakeBridge(start: KeyspaceDescription, next: () => KeyspaceDescription | undefined) {
  let current: KeyspaceDescription | undefined = start;
  const bridge = {
    async describeKeyspace() {
      return current ?? {};
    },
    async executeQueryWithSchemaEncoded(query: { keyspaceHash: number }) {
      if (!current) return { noKeyspace: {} };
      if (current.hash?.value === query.keyspaceHash) return { encodedResponse: ENCODED_RESPONSE };
      const moved = current;
      current = next();
      return { newKeyspace: moved };
    },
    setCurrent(d: KeyspaceDescription | undefined) {
      current = d;
    },
  };
  return bridge;
}

const target = { keyspace: 'ks', table: 't', token: 'x' };

describe('executeOnTableEncoded', () => {
  it("translates again for the new view when the keyspace changed, and hands back the bridge's bytes", async () => {
    const bridge = fakeBridge(description(1, ['v']), () => description(2, ['v', 'w']));
    const cache = new SchemaCache(bridge as unknown as BridgeClient);
    await cache.table('ks', 't', target);
    bridge.setCurrent(description(2, ['v', 'w']));
    const seen: string[][] = [];
    const { encodedResponse, table } = await executeOnTableEncoded(cache, target, (view) => {
      seen.push(view.ordered.map((c) => c.name));
      return { cql: 'SELECT * FROM ks.t' };
    });
    expect(encodedResponse).toBe(ENCODED_RESPONSE);
    expect(seen).toEqual([
      ['id', 'v'],
      ['id', 'v', 'w'],
    ]);
    expect(table.keyspaceHash).toBe(2);
  });

  it('gives up when the keyspace keeps changing, and answers 404 when it is gone', async () => {
    let hash = 10;
    const bridge = fakeBridge(description(1, ['v']), () => description(hash++, ['v']));
    const cache = new SchemaCache(bridge as unknown as BridgeClient);
    await cache.table('ks', 't', target);
    bridge.setCurrent(description(hash++, ['v']));
    await expect(executeOnTableEncoded(cache, target, () => ({ cql: 'SELECT 1' }))).rejects.toThrow(
      /kept changing/,
    );
    bridge.setCurrent(undefined);
    const gone = executeOnTableEncoded(cache, target, () => ({ cql: 'SELECT 1' }));
    await expect(gone).rejects.toBeInstanceOf(ApiError);
    await expect(gone).rejects.toMatchObject({ code: 'REST_KEYSPACE_NOT_FOUND' });
  });
});
