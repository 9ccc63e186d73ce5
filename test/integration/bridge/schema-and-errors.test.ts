// Keyspace descriptions and their hash, schema-checked execution, supported features, and the
// gRPC status of each Cassandra error class (over unary calls, with Stargate's metadata).
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeCallError } from '../../../services/common/src/bridge/bridge-call-error.js';
import { decodeMessage } from '../../../services/common/src/proto/proto-root.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';

const ks = uniqueKeyspaceName('bridge_schema');
let t: TestBridge;

function unary(method: 'ExecuteQuery', request: object, metadata: Record<string, string>) {
  const md = new grpc.Metadata();
  for (const [k, v] of Object.entries(metadata)) md.set(k, v);
  return new Promise<{ err: grpc.ServiceError | null; res: unknown }>((resolve) => {
    t.client.grpcClient[method](request, md, { deadline: Date.now() + 10_000 }, (err, res) =>
      resolve({ err, res }),
    );
  });
}

const stargateMetadata = () => ({ 'x-cassandra-token': t.token, 'x-source-api': 'cql' });

beforeAll(async () => {
  t = await startTestBridge();
  await t.createKeyspace(ks);
  await t.su(`CREATE TYPE ${ks}.addr (street text)`);
  await t.client.executeQuery(
    {
      cql: `CREATE TABLE ${ks}.t (p int, c text, s int static, v frozen<addr>, PRIMARY KEY (p, c)) WITH CLUSTERING ORDER BY (c DESC) AND default_time_to_live = 60`,
    },
    { token: t.token },
  );
  await t.su(`CREATE CUSTOM INDEX t_s_idx ON ${ks}.t (s) USING 'StorageAttachedIndex'`);
});

afterAll(async () => {
  await t?.dropKeyspace(ks);
  await t?.close();
});

describe('schema', () => {
  it('describes a keyspace with tables, keys, orders, indexes, UDTs and a hash', async () => {
    const d = await t.client.describeKeyspace({ keyspaceName: ks }, { token: t.token });
    expect(d.cqlKeyspace?.name).toBe(ks);
    expect(d.cqlKeyspace?.options?.replication).toContain('SimpleStrategy');
    expect(d.types?.map((u) => u.name)).toEqual(['addr']);
    const table = d.tables?.find((x) => x.name === 't');
    expect(table?.partitionKeyColumns?.map((c) => c.name)).toEqual(['p']);
    expect(table?.clusteringKeyColumns?.map((c) => c.name)).toEqual(['c']);
    expect(table?.staticColumns?.map((c) => c.name)).toEqual(['s']);
    expect(table?.clusteringOrders).toEqual({ c: 1 }); // DESC
    expect(table?.options?.default_time_to_live).toBe('60');
    expect(table?.columns?.[0]?.type?.udt?.name).toBe('addr');
    expect(table?.indexes?.[0]).toMatchObject({ name: 't_s_idx', columnName: 's', custom: true });
    expect(table?.indexes?.[0]?.indexingClass?.value).toContain('StorageAttachedIndex');
    expect(typeof d.hash?.value).toBe('number');
  });

  it('describes every column of a keyspace of more than 5,000 (more than one page of system_schema)', async () => {
    const columns = Array.from({ length: 5_100 }, (_, i) => `c${i} int`).join(', ');
    await t.su(`CREATE TABLE ${ks}.wide (k int PRIMARY KEY, ${columns})`);
    try {
      const d = await t.client.describeKeyspace({ keyspaceName: ks }, { token: t.token });
      const wide = d.tables?.find((x) => x.name === 'wide');
      expect(wide?.partitionKeyColumns?.map((c) => c.name)).toEqual(['k']);
      expect(wide?.columns).toHaveLength(5_100);
      expect(d.tables?.find((x) => x.name === 't')?.columns?.map((c) => c.name)).toEqual(['v']);
    } finally {
      await t.su(`DROP TABLE ${ks}.wide`);
    }
  }, 60_000);

  it('answers empty while the hash is current, and a new hash after ALTER', async () => {
    const before = await t.client.describeKeyspace({ keyspaceName: ks }, { token: t.token });
    const same = await t.client.describeKeyspace(
      { keyspaceName: ks, hash: { value: before.hash!.value! } },
      { token: t.token },
    );
    expect(same.cqlKeyspace).toBeUndefined();
    await t.su(`ALTER TABLE ${ks}.t ADD extra int`);
    const after = await t.client.describeKeyspace(
      { keyspaceName: ks, hash: { value: before.hash!.value! } },
      { token: t.token },
    );
    expect(after.hash?.value).not.toBe(before.hash?.value);
    expect(after.tables?.find((x) => x.name === 't')?.columns?.map((c) => c.name)).toContain('extra');
  });

  it('sees a schema change made outside this bridge within the poll interval', async () => {
    const before = await t.client.describeKeyspace({ keyspaceName: ks }, { token: t.token });
    const other = await startTestBridge();
    try {
      await other.client.executeQuery(
        { cql: `ALTER TABLE ${ks}.t ADD from_elsewhere text` },
        { token: t.token },
      );
    } finally {
      await other.close();
    }
    await expect
      .poll(
        async () => (await t.client.describeKeyspace({ keyspaceName: ks }, { token: t.token })).hash?.value,
        {
          timeout: 5000,
        },
      )
      .not.toBe(before.hash?.value);
  });

  it('answers NOT_FOUND for a missing keyspace', async () => {
    const err = (await t.client
      .describeKeyspace({ keyspaceName: 'no_such_ks' }, { token: t.token })
      .catch((e) => e)) as BridgeCallError;
    expect(err.code).toBe(grpc.status.NOT_FOUND);
  });

  it('runs a schema-checked query only when the hash matches', async () => {
    const d = await t.client.describeKeyspace({ keyspaceName: ks }, { token: t.token });
    const query = { cql: `SELECT * FROM ${ks}.t WHERE p = 1` };
    const ok = await t.client.executeQueryWithSchema(
      { query, keyspaceName: ks, keyspaceHash: d.hash!.value! },
      { token: t.token },
    );
    expect(ok.response?.resultSet).toBeDefined();
    const stale = await t.client.executeQueryWithSchema(
      { query, keyspaceName: ks, keyspaceHash: 42 },
      { token: t.token },
    );
    expect(stale.newKeyspace?.hash?.value).toBe(d.hash?.value);
    const gone = await t.client.executeQueryWithSchema(
      { query, keyspaceName: 'no_such_ks', keyspaceHash: 1 },
      { token: t.token },
    );
    expect(gone.noKeyspace).toBeDefined();
  });

  it('reads supported features from the cluster', async () => {
    expect(await t.client.getSupportedFeatures()).toEqual({
      secondaryIndexes: true,
      sai: true,
      loggedBatches: true,
      vectorSearch: true,
    });
  });

  it('answers DDL with a SchemaChange', async () => {
    const res = await t.su(`CREATE TABLE ${ks}.made (k int PRIMARY KEY)`);
    // CREATED = 0, TABLE = 1, DROPPED = 2
    expect(res.schemaChange).toMatchObject({
      changeType: 0,
      target: 1,
      keyspace: ks,
      name: { value: 'made' },
    });
    const drop = await t.su(`DROP TABLE ${ks}.made`);
    expect(drop.schemaChange).toMatchObject({ changeType: 2, target: 1 });
  });

  it('runs unqualified statements in QueryParameters.keyspace', async () => {
    await t.client.executeQuery(
      { cql: `INSERT INTO t (p, c) VALUES (5, 'x')`, parameters: { keyspace: { value: ks } } },
      { token: t.token },
    );
    const res = await t.client.executeQuery(
      { cql: `SELECT c FROM t WHERE p = 5`, parameters: { keyspace: { value: ks } } },
      { token: t.token },
    );
    expect(res.resultSet?.rows?.[0]?.values?.[0]?.string).toBe('x');
  });
});

describe('errors', () => {
  it('maps syntax errors and unknown tables to INVALID_ARGUMENT', async () => {
    const syntax = await unary('ExecuteQuery', { cql: 'SELEC nothing' }, stargateMetadata());
    expect(syntax.err?.code).toBe(grpc.status.INVALID_ARGUMENT);
    const unknown = await unary('ExecuteQuery', { cql: `SELECT * FROM ${ks}.nope` }, stargateMetadata());
    expect(unknown.err?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(unknown.err?.details).toContain('nope');
  });

  it('maps an existing table to ALREADY_EXISTS with the AlreadyExists trailer', async () => {
    const { err } = await unary(
      'ExecuteQuery',
      { cql: `CREATE TABLE ${ks}.t (k int PRIMARY KEY)` },
      stargateMetadata(),
    );
    expect(err?.code).toBe(grpc.status.ALREADY_EXISTS);
    const trailer = err?.metadata.get('stargate.alreadyexists-bin')[0] as Buffer;
    expect(decodeMessage('stargate.AlreadyExists', trailer)).toEqual({ keyspace: ks, table: 't' });
  });

  it('refuses calls without a token or without X-Source-Api', async () => {
    const noToken = await unary(
      'ExecuteQuery',
      { cql: 'SELECT now() FROM system.local' },
      { 'x-source-api': 'cql' },
    );
    expect(noToken.err?.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(noToken.err?.details).toBe('No token provided');
    const noSource = await unary(
      'ExecuteQuery',
      { cql: 'SELECT now() FROM system.local' },
      { 'x-cassandra-token': 't' },
    );
    expect(noSource.err?.code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it('rejects wrong value counts, wrong types, USE and empty statements clearly', async () => {
    const cases: Array<[object, string]> = [
      [
        { cql: `SELECT * FROM ${ks}.t WHERE p = ?`, values: { values: [{ int: 1 }, { int: 2 }] } },
        'Invalid number of values',
      ],
      [{ cql: `SELECT * FROM ${ks}.t WHERE p = ?`, values: { values: [{ string: 'one' }] } }, 'expected int'],
      [
        { cql: `SELECT * FROM ${ks}.t WHERE p = ?`, values: { values: [{ int: '3000000000' }] } },
        'out of range',
      ],
      [{ cql: `USE ${ks}` }, 'USE is not supported'],
      [{ cql: '   ' }, 'non-empty cql'],
      [
        { cql: `SELECT * FROM ${ks}.t WHERE p = :p`, values: { values: [{ int: 1 }], valueNames: ['q'] } },
        'Missing value for bind marker :p',
      ],
    ];
    for (const [request, message] of cases) {
      const { err } = await unary('ExecuteQuery', request, stargateMetadata());
      expect(err?.code, message).toBe(grpc.status.INVALID_ARGUMENT);
      expect(err?.details).toContain(message);
    }
  });

  it('answers bytes that are not the request message with INVALID_ARGUMENT naming it, after the token', async () => {
    const raw = (path: string, bytes: Buffer, metadata: Record<string, string>) => {
      const md = new grpc.Metadata();
      for (const [k, v] of Object.entries(metadata)) md.set(k, v);
      return new Promise<grpc.ServiceError | null>((resolve) =>
        t.client.grpcClient.makeUnaryRequest(
          path,
          (b: Buffer) => b,
          (b: Buffer) => b,
          bytes,
          md,
          { deadline: Date.now() + 10_000 },
          (err) => resolve(err),
        ),
      );
    };
    // A Query whose cql (field 1) says 80 bytes and holds 1: never run as the CQL "A".
    const truncated = Buffer.from([0x0a, 0x50, 0x41]);
    const query = await raw('/stargate.StargateBridge/ExecuteQuery', truncated, stargateMetadata());
    expect(query?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(query?.details).toBe(
      'Invalid Query message: it is not a valid protobuf encoding (index out of range: 2 + 80 > 3)',
    );
    const batch = await raw(
      '/stargate.StargateBridge/ExecuteBatch',
      Buffer.from([0xff, 0xff]),
      stargateMetadata(),
    );
    expect(batch?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(batch?.details).toMatch(/^Invalid Batch message: it is not a valid protobuf encoding \(.+\)$/);
    // The token is checked first: garbage from a caller who is not authenticated says nothing more.
    const anonymous = await raw('/stargate.StargateBridge/ExecuteQuery', truncated, {
      'x-source-api': 'cql',
    });
    expect(anonymous?.code).toBe(grpc.status.UNAUTHENTICATED);
  });

  it('keeps serving after bad requests', async () => {
    const { err, res } = await unary(
      'ExecuteQuery',
      { cql: 'SELECT release_version FROM system.local' },
      stargateMetadata(),
    );
    expect(err).toBeNull();
    expect(res).toBeDefined();
  });
});
