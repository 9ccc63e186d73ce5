// The bridge refuses at once what cannot reach its consistency level with the nodes up: on the
// test's single node, a keyspace that wants 3 replicas cannot reach LOCAL_QUORUM (2) or ALL, while
// ONE works. Cassandra itself would answer the same (Unavailable), so the client sees the same status
// and detail either way; the check matters when nodes die and Cassandra has not yet noticed.
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeCallError } from '../../../services/common/src/bridge/bridge-call-error.js';
import { Consistency } from '../../../services/common/src/proto/generated/stargate/Consistency.js';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';

const ks = uniqueKeyspaceName('replicas');
let t: TestBridge;

beforeAll(async () => {
  t = await startTestBridge();
  await t.su(
    `CREATE KEYSPACE ${ks} WITH replication = {'class': 'NetworkTopologyStrategy', 'datacenter1': 3}`,
  );
  await t.su(`CREATE TABLE ${ks}.kv (k int PRIMARY KEY, v text)`);
});

afterAll(async () => {
  await t?.dropKeyspace(ks);
  await t?.close();
});

const { ONE, ALL } = Consistency;

async function failure(
  cql: string,
  consistency?: (typeof Consistency)[keyof typeof Consistency],
): Promise<BridgeCallError> {
  const started = Date.now();
  const err = await t.client
    .executeQuery(
      { cql, parameters: consistency === undefined ? {} : { consistency: { value: consistency } } },
      { token: t.token },
    )
    .then(
      () => undefined,
      (e: BridgeCallError) => e,
    );
  expect(err, cql).toBeDefined();
  expect(Date.now() - started).toBeLessThan(1000);
  return err!;
}

describe('replica availability', () => {
  it('answers UNAVAILABLE at once, with the same detail as Cassandra, when LOCAL_QUORUM cannot be reached', async () => {
    const err = await failure(`INSERT INTO ${ks}.kv (k, v) VALUES (1, 'a')`);
    expect(err.code).toBe(status.UNAVAILABLE);
    expect(err.message).toContain(`Cannot achieve consistency level LOCAL_QUORUM in keyspace ${ks}`);
    expect(err.message).toContain('2 replica(s) required in datacenter1, 1 node(s) up');
    expect(err.details.has('stargate.unavailable')).toBe(true);

    const read = await failure(`SELECT * FROM ${ks}.kv WHERE k = 1`, ALL);
    expect(read.code).toBe(status.UNAVAILABLE);
    expect(read.message).toContain('Cannot achieve consistency level ALL');
  });

  it('runs what the nodes up can serve', async () => {
    const one = { consistency: { value: ONE } };
    await t.client.executeQuery(
      { cql: `INSERT INTO ${ks}.kv (k, v) VALUES (2, 'b')`, parameters: one },
      { token: t.token },
    );
    const rs = await t.client.executeQuery(
      { cql: `SELECT v FROM ${ks}.kv WHERE k = 2`, parameters: one },
      { token: t.token },
    );
    expect(rs.resultSet?.rows?.length).toBe(1);
  });
});
