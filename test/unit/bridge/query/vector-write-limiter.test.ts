// Which writes the bridge queues because of Cassandra 5.0's vector index defect (those that set an
// SAI-indexed vector column), how many run at once, and what a client is told when it waits too
// long, when too many wait, or when Cassandra fails a vector write anyway.
import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { classifyStatement } from '../../../../services/bridge/src/cql/classify-statement.js';
import { BridgeError } from '../../../../services/bridge/src/errors/bridge-error.js';
import {
  VectorWriteLimiter,
  type VectorWriteLimits,
} from '../../../../services/bridge/src/query/vector-write-limiter.js';
import { buildDelete } from '../../../../services/common/src/cql/delete.js';
import { buildInsert } from '../../../../services/common/src/cql/insert.js';
import { buildUpdate } from '../../../../services/common/src/cql/update.js';
import type { CqlKeyspaceDescribe } from '../../../../services/common/src/proto/generated/stargate/CqlKeyspaceDescribe.js';
import { BasicType } from '../../../../services/common/src/proto/proto-enums.js';
import { writeStatements } from '../../../../services/docs/src/storage/document-store.js';

const vector = { vector: { element: { basic: BasicType.FLOAT }, size: 16 } };
const text = { basic: BasicType.VARCHAR };
const sai = { value: 'org.apache.cassandra.index.sai.StorageAttachedIndex' };

/**
 * ks: `docs` (SAI on a vector), `notes` (SAI on text), `legacy` (a vector with a non-SAI index),
 * `Coll` (a Document API collection with a vector: SAI on `vec`).
 */
const description: CqlKeyspaceDescribe = {
  cqlKeyspace: { name: 'ks' },
  tables: [
    {
      name: 'docs',
      partitionKeyColumns: [{ name: 'id', type: text }],
      columns: [{ name: 'v', type: vector }],
      indexes: [{ name: 'docs_v', columnName: 'v', indexingClass: sai }],
    },
    {
      name: 'notes',
      partitionKeyColumns: [{ name: 'id', type: text }],
      columns: [
        { name: 'body', type: text },
        { name: 'v', type: vector },
      ],
      indexes: [{ name: 'notes_body', columnName: 'body', indexingClass: sai }],
    },
    {
      name: 'legacy',
      partitionKeyColumns: [{ name: 'id', type: text }],
      columns: [{ name: 'v', type: vector }],
      indexes: [{ name: 'legacy_v', columnName: 'v', indexingClass: { value: 'com.example.Other' } }],
    },
    {
      name: 'Coll',
      partitionKeyColumns: [{ name: 'key', type: text }],
      clusteringKeyColumns: [{ name: 'p', type: text }],
      columns: [
        { name: 'doc', type: text },
        { name: 'vec', type: vector },
      ],
      indexes: [
        { name: 'Coll_p_idx', columnName: 'p', indexingClass: sai },
        { name: 'Coll_vec_idx', columnName: 'vec', indexingClass: sai },
      ],
    },
  ],
};

function limiter(limits: Partial<VectorWriteLimits> = {}) {
  return new VectorWriteLimiter(
    { writesPerTable: 2, queuePerTable: 100, maxWaitMs: 5000, retryAfterMs: 1000, ...limits },
    async (keyspace) => (keyspace === 'ks' ? description : undefined),
  );
}

const statement = (cql: string) => classifyStatement(cql, undefined);

describe('VectorWriteLimiter.find', () => {
  it('counts the statements that set an SAI-indexed vector column, each statement of a batch', async () => {
    const writes = limiter();
    expect(await writes.find([statement('INSERT INTO ks.docs (id, v) VALUES (?, ?)')], undefined)).toEqual(
      new Map([['ks.docs', 1]]),
    );
    expect(await writes.find([statement('UPDATE docs SET v = ? WHERE id = ?')], 'ks')).toEqual(
      new Map([['ks.docs', 1]]),
    );
    const batch = [
      statement('INSERT INTO ks.docs (id, v) VALUES (?, ?)'),
      statement('INSERT INTO ks.docs (id, v) VALUES (?, ?)'),
      statement('INSERT INTO ks.notes (id, body) VALUES (?, ?)'),
    ];
    expect(await writes.find(batch, undefined)).toEqual(new Map([['ks.docs', 2]]));
    const cqlBatch = statement(
      "BEGIN BATCH INSERT INTO ks.docs (id, v) VALUES ('a', ?); DELETE FROM ks.docs WHERE id = 'c'; INSERT INTO ks.docs (id, v) VALUES ('b', ?); APPLY BATCH",
    );
    expect(await writes.find([cqlBatch], undefined)).toEqual(new Map([['ks.docs', 2]]));
  });

  it('reads the forms of INSERT and UPDATE that name the column: quoted, qualified, with USING, among others', async () => {
    const writes = limiter();
    for (const cql of [
      'INSERT INTO ks."Coll" (key, p, vec) VALUES (?, ?, ?) USING TTL ? AND TIMESTAMP ?',
      'insert into KS."Coll" (key, VEC) values (?, ?)',
      'INSERT INTO "ks"."Coll"("key","p","vec")VALUES(?,?,?)',
      'UPDATE ks."Coll" USING TTL 10 SET doc = ?, vec = ? WHERE key = ? AND p = ?',
      'UPDATE ks."Coll" SET doc = doc, vec = [1, 2, 3] WHERE key = ? AND p = ? IF EXISTS',
      'UPDATE ks."Coll" SET doc = \'where, vec\' , vec = ? WHERE key = ? AND p = ?',
    ]) {
      const found = await writes.find([statement(cql)], undefined);
      expect(found, cql).toEqual(new Map([['ks.Coll', 1]]));
    }
  });

  it('leaves alone the writes of other columns and every DELETE on a vector-indexed table', async () => {
    const writes = limiter();
    for (const cql of [
      'INSERT INTO ks.docs (id) VALUES (?)',
      'UPDATE ks.docs SET id = ? WHERE id = ?',
      'INSERT INTO ks."Coll" (key, p, doc) VALUES (?, ?, ?)',
      'INSERT INTO ks."Coll" (key, p, "vec_other") VALUES (?, ?, ?)',
      'INSERT INTO ks."Coll" (key, p, "VEC") VALUES (?, ?, ?)',
      'UPDATE ks."Coll" SET doc = \'vec = 1\' WHERE key = ? AND p = ?',
      'UPDATE ks."Coll" USING TIMESTAMP ? SET doc = ? WHERE key = ? AND p = ? IF vec = ?',
      'DELETE FROM ks.docs WHERE id = ?',
      'DELETE v FROM ks.docs WHERE id = ?',
      'DELETE FROM ks."Coll" USING TIMESTAMP ? WHERE key = ?',
      "BEGIN BATCH DELETE FROM ks.docs WHERE id = 'a'; INSERT INTO ks.docs (id) VALUES ('b'); APPLY BATCH",
    ]) {
      expect((await writes.find([statement(cql)], undefined)).size, cql).toBe(0);
    }
  });

  it("counts the REST and GraphQL APIs' writes (the common builders) only when they set the vector", async () => {
    const writes = limiter();
    const value = { string: 'x' };
    const where = [{ column: 'key', operator: '=' as const, value }];
    const counted = (built: { cql: string }) => writes.find([statement(built.cql)], undefined);
    const on = { keyspace: 'ks', table: 'Coll' };
    expect(
      await counted(
        buildInsert({
          ...on,
          values: [
            { column: 'key', value },
            { column: 'vec', value },
          ],
        }),
      ),
    ).toEqual(new Map([['ks.Coll', 1]]));
    expect(
      await counted(buildUpdate({ ...on, assignments: [{ column: 'vec', kind: 'set', value }], where })),
    ).toEqual(new Map([['ks.Coll', 1]]));
    for (const built of [
      buildInsert({
        ...on,
        values: [
          { column: 'key', value },
          { column: 'doc', value },
        ],
        ttlSeconds: 5,
      }),
      buildUpdate({
        ...on,
        assignments: [
          { column: 'doc', kind: 'set', value },
          { column: 'tags', kind: 'prepend', value },
          { column: 'attrs', kind: 'set-entry', key: value, value },
        ],
        where,
        ifExists: true,
      }),
      buildDelete({ ...on, where }),
    ]) {
      expect((await counted(built)).size, built.cql).toBe(0);
    }
  });

  it('counts a write whose columns it cannot read, as possibly setting the vector', async () => {
    const writes = limiter();
    for (const cql of [
      'INSERT INTO ks.docs JSON ?',
      'INSERT INTO ks.docs JSON \'{"id": "a"}\' DEFAULT UNSET',
      'UPDATE ks.docs SET v = ?',
      'UPDATE ks.docs SET WHERE id = ?',
      'UPDATE ks.docs SET (v) = ? WHERE id = ?',
    ]) {
      expect(await writes.find([statement(cql)], undefined), cql).toEqual(new Map([['ks.docs', 1]]));
    }
  });

  it('counts a batch at most at the limit, so that it always gets a turn', async () => {
    const insert = statement('INSERT INTO ks.docs (id, v) VALUES (?, ?)');
    expect(await limiter({ writesPerTable: 2 }).find([insert, insert, insert, insert], undefined)).toEqual(
      new Map([['ks.docs', 2]]),
    );
    expect(await limiter({ writesPerTable: 3 }).find([insert, insert], undefined)).toEqual(
      new Map([['ks.docs', 2]]),
    );
    // Off: still found, to explain a failure.
    expect(await limiter({ writesPerTable: 0 }).find([insert, insert, insert], undefined)).toEqual(
      new Map([['ks.docs', 3]]),
    );
  });

  it('counts a Document API write once if the document has a $vector (its vector row), else not at all', async () => {
    const writes = limiter();
    const vec = Array.from({ length: 16 }, (_, i) => i + 1);
    const doc = { t: 1, list: [1, 2, { deep: 'x' }], flag: true };
    // The Docs store sends these as one executeBatch (storage/document-store.ts).
    const withVector = writeStatements({ keyspace: 'ks', table: 'Coll' }, 'a', doc, 0, 10n, vec);
    const withoutVector = writeStatements({ keyspace: 'ks', table: 'Coll' }, 'a', doc, 0, 10n, undefined);
    expect(withVector.length).toBeGreaterThan(3);
    const find = (queries: typeof withVector) =>
      writes.find(
        queries.map((q) => statement(q.cql ?? '')),
        undefined,
      );
    expect(await find(withVector), JSON.stringify(withVector.map((q) => q.cql))).toEqual(
      new Map([['ks.Coll', 1]]),
    );
    expect((await find(withoutVector)).size, JSON.stringify(withoutVector.map((q) => q.cql))).toBe(0);
  });

  it('leaves reads, other tables, other keyspaces and unqualified tables alone', async () => {
    const writes = limiter();
    for (const cql of [
      'SELECT * FROM ks.docs WHERE id = ?',
      'INSERT INTO ks.notes (id, body) VALUES (?, ?)',
      'INSERT INTO ks.notes (id, v) VALUES (?, ?)',
      'INSERT INTO ks.legacy (id, v) VALUES (?, ?)',
      'INSERT INTO other.docs (id, v) VALUES (?, ?)',
      'INSERT INTO docs (id, v) VALUES (?, ?)',
    ]) {
      expect((await writes.find([statement(cql)], undefined)).size, cql).toBe(0);
    }
  });
});

describe('VectorWriteLimiter.run', () => {
  const docs = new Map([['ks.docs', 1]]);

  it('runs at most writesPerTable writes on one table at once, and every write', async () => {
    const writes = limiter({ writesPerTable: 2 });
    let running = 0;
    let most = 0;
    const write = async (i: number) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running--;
      return i;
    };
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => writes.run(docs, 5000, () => write(i))),
    );
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(most).toBe(2);
    expect(writes.activeTables).toBe(0);
  });

  it('does not limit with writesPerTable 0, nor writes to other tables', async () => {
    for (const [writes, tables] of [
      [limiter({ writesPerTable: 0 }), docs],
      [limiter(), new Map<string, number>()],
    ] as const) {
      let running = 0;
      let most = 0;
      await Promise.all(
        Array.from({ length: 10 }, () =>
          writes.run(tables, 5000, async () => {
            running++;
            most = Math.max(most, running);
            await new Promise((resolve) => setTimeout(resolve, 2));
            running--;
          }),
        ),
      );
      expect(most).toBe(10);
    }
  });

  it('frees the turn of a write that failed', async () => {
    const writes = limiter({ writesPerTable: 1 });
    await expect(writes.run(docs, 5000, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await writes.run(docs, 5000, async () => 'next')).toBe('next');
  });

  it('answers DEADLINE_EXCEEDED naming the table and the setting when the deadline comes first', async () => {
    const writes = limiter({ writesPerTable: 1 });
    let finish = () => {};
    const first = writes.run(docs, 5000, () => new Promise<void>((resolve) => (finish = resolve)));
    const late = await writes.run(docs, 20, async () => 'ran').catch((err: unknown) => err);
    expect(late).toBeInstanceOf(BridgeError);
    expect((late as BridgeError).code).toBe(status.DEADLINE_EXCEEDED);
    expect((late as BridgeError).message).toMatch(
      /^Waited \d+ ms for a turn to write to ks\.docs and the request's deadline came first: ks\.docs has an SAI vector index, so the gateway runs at most 1 writes of its vector column at once \(BRIDGE_VECTOR_WRITES_PER_TABLE/,
    );
    finish();
    await first;
  });

  it('answers RESOURCE_EXHAUSTED (OVERLOADED, with a retry delay) when too many already wait', async () => {
    const writes = limiter({ writesPerTable: 1, queuePerTable: 1 });
    let finish = () => {};
    const first = writes.run(docs, 5000, () => new Promise<void>((resolve) => (finish = resolve)));
    const waiting = writes.run(docs, 5000, async () => 'waited');
    const refused = await writes.run(docs, 5000, async () => 'ran').catch((err: unknown) => err);
    expect((refused as BridgeError).code).toBe(status.RESOURCE_EXHAUSTED);
    expect((refused as BridgeError).message).toMatch(
      /^Too many writes waiting for ks\.docs: .* 1 already wait \(BRIDGE_VECTOR_WRITE_QUEUE_PER_TABLE\)$/,
    );
    expect((refused as BridgeError).details.map((d) => d.typeName)).toEqual([
      'google.rpc.ErrorInfo',
      'google.rpc.RetryInfo',
    ]);
    finish();
    await first;
    expect(await waiting).toBe('waited');
  });
});

describe('VectorWriteLimiter.explainFailure', () => {
  const writeFailure = new BridgeError(status.ABORTED, 'Server failure during write query', [
    { typeName: 'stargate.WriteFailure', bytes: Buffer.alloc(0) },
  ]);

  it('turns a WriteFailure on a vector-indexed table into UNAVAILABLE with the cause and a retry delay', () => {
    const explained = limiter().explainFailure(writeFailure, new Map([['ks.docs', 1]]));
    expect(explained.code).toBe(status.UNAVAILABLE);
    expect(explained.message).toMatch(
      /^Cassandra failed the write to ks\.docs \(a table with an SAI vector index\): .*Number of outstanding pooled objects.*; the write may not have been applied, retry it \(Server failure during write query\)$/,
    );
    expect(explained.details.map((d) => d.typeName)).toEqual(['google.rpc.RetryInfo']);
  });

  it('leaves other failures as they are', () => {
    expect(limiter().explainFailure(writeFailure, new Map())).toBe(writeFailure);
    const invalid = BridgeError.invalid('bad');
    expect(limiter().explainFailure(invalid, new Map([['ks.docs', 1]]))).toBe(invalid);
  });
});
