// Vector search through gRPC (issue 21): the published Stargate Node client, unchanged, runs
// `SELECT … ORDER BY v ANN OF ? LIMIT 10` with a vector bind value against this gRPC API, and
// gets the rows and scores the REST API's ANN read (sort={"v":{"$vector":[…]}}) answers, on the
// same bridge and Cassandra. A vector with a null element is INVALID_ARGUMENT in plain words.
import type * as grpc from '@grpc/grpc-js';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { Collection, Value } from '@stargate-oss/stargate-grpc-node-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { EmbeddingSpace, exactTopK, recall } from '../../support/embedding-vectors.js';
import { uniqueKeyspaceName } from '../../support/unique-name.js';
import { type RestApi, startRestApi } from '../rest/support/rest-api.js';
import { startTestGrpcApi, type TestGrpcApi } from './support/grpc-api-harness.js';
import { authMetadata, callError, connect, int, query } from './support/node-client.js';

const ks = uniqueKeyspaceName('vrest_grpc_vector');
const ROWS = 1000;
const DIMENSION = 64;
const K = 10;

let bridge: TestBridge;
let grpcApi: TestGrpcApi;
let rest: RestApi;
let stargate: ReturnType<typeof connect>;
let auth: grpc.Metadata;

const space = new EmbeddingSpace(42, DIMENSION);
const vectors = Array.from({ length: ROWS }, () => space.vector());
const queries = Array.from({ length: 3 }, () => space.vector());

const exec = (cql: string, values: Value[] = []) => stargate.api.executeQuery(query(cql, values), auth);

function vectorValue(elements: ReadonlyArray<number | null>): Value {
  const collection = new Collection();
  collection.setElementsList(
    elements.map((x) => {
      const v = new Value();
      if (x === null) v.setNull(new Value.Null());
      else v.setFloat(x);
      return v;
    }),
  );
  const v = new Value();
  v.setCollection(collection);
  return v;
}

beforeAll(async () => {
  bridge = await startTestBridge();
  grpcApi = await startTestGrpcApi(bridge.address);
  rest = await startRestApi({}, { bridge });
  stargate = connect(grpcApi.address);
  auth = await authMetadata(bridge.token);
  await exec(`CREATE KEYSPACE ${ks} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  await exec(`CREATE TABLE ${ks}.items (id int PRIMARY KEY, v vector<float, ${DIMENSION}>)`);
  await exec(
    `CREATE CUSTOM INDEX items_v_idx ON ${ks}.items (v) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'EUCLIDEAN'}`,
  );
  // Two writes in flight at most: Cassandra 5.0.9 fails more than 3 concurrent writes into one
  // vector index ("Number of outstanding pooled objects has gone beyond the limit").
  let next = 0;
  const writer = async () => {
    while (next < ROWS) {
      const id = next++;
      await exec(`INSERT INTO ${ks}.items (id, v) VALUES (?, ?)`, [int(id), vectorValue(vectors[id]!)]);
    }
  };
  await Promise.all([writer(), writer()]);
}, 120_000);

afterAll(async () => {
  if (stargate && auth) await exec(`DROP KEYSPACE IF EXISTS ${ks}`).catch(() => undefined);
  stargate?.client.close();
  await rest?.close();
  await grpcApi?.close();
  await bridge?.close();
});

it('an ANN query with a vector bind value answers what the REST ANN read answers', async () => {
  const rows = vectors.map((vector, id) => ({ key: id, vector }));
  for (const vector of queries) {
    const res = await exec(
      `SELECT id, similarity_euclidean(v, ?) FROM ${ks}.items ORDER BY v ANN OF ? LIMIT ${K}`,
      [vectorValue(vector), vectorValue(vector)],
    );
    const viaGrpc = (res.getResultSet()?.getRowsList() ?? []).map((row) => {
      const [id, score] = row.getValuesList();
      return { id: id!.getInt(), score: score!.getFloat() };
    });
    expect(viaGrpc).toHaveLength(K);

    const sort = encodeURIComponent(JSON.stringify({ v: { $vector: vector } }));
    const viaRest = await rest.get(
      `/v2/keyspaces/${ks}/items/rows?sort=${sort}&page-size=${K}&fields=id,similarity_euclidean(v)&raw=true`,
    );
    expect(viaRest.status, viaRest.text).toBe(200);
    expect(
      (viaRest.body as Array<{ id: number; 'similarity_euclidean(v)': number }>).map((r) => ({
        id: r.id,
        score: Math.fround(r['similarity_euclidean(v)']),
      })),
    ).toEqual(viaGrpc);
    expect(
      recall(
        viaGrpc.map((r) => r.id),
        exactTopK('EUCLIDEAN', rows, vector, K),
      ),
    ).toBeGreaterThanOrEqual(0.9);
  }
});

it('a vector bind value with a null element is INVALID_ARGUMENT naming the element', async () => {
  const withNull: Array<number | null> = [...vectors[0]!];
  withNull[3] = null;
  const err = await callError(
    exec(`SELECT id FROM ${ks}.items ORDER BY v ANN OF ? LIMIT 1`, [vectorValue(withNull)]),
  );
  expect(err.code).toBe(GrpcStatus.INVALID_ARGUMENT);
  expect(err.details).toMatch(/\[3\]: a vector element cannot be null$/);
});
