// The floor of the REST and Document API rows (issue 19), a child process of the benchmark: the
// least an application can do to answer the benchmark's HTTP reads with the building blocks the
// gateway is made of. Fastify, three routes, answered in the shapes Stargate's APIs answer them, no
// token check, no schema, no metrics:
//   - `GET /v2/keyspaces/bench/kv/{k}`: the point read ({"count":1,"data":[…]});
//   - `GET /v2/keyspaces/bench/pages/{pk}?page-size=n`: one page of a partition ({"count","pageState","data"});
//   - `GET /v2/namespaces/{ns}/collections/{c}/{id}`: a whole document, its stored JSON text spliced
//     into {"documentId","data"} by the Document API's own storedDocumentResponse.
// Two shapes (MINIMAL_REST_UPSTREAM):
//   - a host:port: each read is one grpc-js unary stargate.Stargate/ExecuteQuery call to the minimal
//     gRPC server (minimal-grpc-server.ts), which runs it through cassandra-driver: the gateway's
//     two processes built the plain way, one unary call per request;
//   - unset: the route runs the read through cassandra-driver itself: no hop at all, the floor of
//     any HTTP API in front of Cassandra in Node.
// Reports its port over IPC.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import Fastify from 'fastify';
import { isValidSchemaName, qualifiedName } from '../../services/common/src/cql/identifier.js';
import { protoDir } from '../../services/common/src/proto/proto-root.js';
import {
  JSON_CONTENT_TYPE,
  storedDocumentResponse,
} from '../../services/docs/src/respond/stored-document-response.js';
import { benchDriverClient } from './cassandra.js';
import { KEYSPACE } from './dataset.js';
import { serveUntilDisconnect } from './floor-server-life.js';

type Value = { int?: string; string?: string };
interface Response {
  resultSet?: { rows?: Array<{ values?: Value[] }>; pagingState?: { value?: Buffer } };
}
type Plain = number | string | undefined;
interface Page {
  /** Each row's values in the order of the query's columns. */
  rows: Plain[][];
  pagingState?: Buffer;
}
type Read = (cql: string, values: Plain[], pageSize: number) => Promise<Page>;

const upstream = process.env.MINIMAL_REST_UPSTREAM;

function grpcReader(target: string): { read: Read; close(): void } {
  const definition = protoLoader.loadSync('stargate.proto', { includeDirs: [protoDir], longs: String });
  const { stargate } = grpc.loadPackageDefinition(definition) as unknown as {
    stargate: { Stargate: grpc.ServiceClientConstructor };
  };
  const client = new stargate.Stargate(target, grpc.credentials.createInsecure());
  const executeQuery = client.ExecuteQuery!.bind(client) as (
    request: unknown,
    callback: (err: grpc.ServiceError | null, res: Response) => void,
  ) => void;
  const toValue = (v: Plain): Value => (typeof v === 'number' ? { int: String(v) } : { string: v });
  const plain = (v: Value | undefined): Plain => (v?.int !== undefined ? Number(v.int) : v?.string);
  const read: Read = (cql, values, pageSize) =>
    new Promise((resolve, reject) =>
      executeQuery(
        { cql, values: { values: values.map(toValue) }, parameters: { pageSize: { value: pageSize } } },
        (err, res) =>
          err
            ? reject(err)
            : resolve({
                rows: (res.resultSet?.rows ?? []).map((row) => (row.values ?? []).map(plain)),
                pagingState: res.resultSet?.pagingState?.value,
              }),
      ),
    );
  return { read, close: () => client.close() };
}

function driverReader(): { read: Read; close(): Promise<void> } {
  const client = benchDriverClient(process.env.CASSANDRA_CONTACT_POINTS ?? '127.0.0.1:9042');
  const read: Read = async (cql, values, pageSize) => {
    const rs = await client.execute(cql, values, { prepare: true, fetchSize: pageSize });
    return {
      rows: rs.rows.map((row) => row.values() as Plain[]),
      pagingState: rs.pageState ? Buffer.from(rs.pageState, 'hex') : undefined,
    };
  };
  return { read, close: () => client.shutdown() };
}

/** Rows as objects keyed by the query's column names, as Stargate's REST API answers them. */
const named = (columns: readonly string[], rows: Plain[][]) =>
  rows.map((row) => Object.fromEntries(columns.map((name, i) => [name, row[i]])));

/** A namespace or collection name as the Document API accepts it: it goes into the CQL text, quoted. */
const checkedName = (name: string) => {
  if (!isValidSchemaName(name)) throw Object.assign(new Error(`bad name ${name}`), { statusCode: 400 });
  return name;
};

const reader = upstream ? grpcReader(upstream) : driverReader();
const app = Fastify({ logger: false });
app.get<{ Params: { k: string } }>(`/v2/keyspaces/${KEYSPACE}/kv/:k`, async (request) => {
  const page = await reader.read(
    `SELECT k, v FROM ${KEYSPACE}.kv WHERE k = ?`,
    [Number(request.params.k)],
    100,
  );
  return { count: page.rows.length, data: named(['k', 'v'], page.rows) };
});
app.get<{ Params: { pk: string }; Querystring: { 'page-size'?: string } }>(
  `/v2/keyspaces/${KEYSPACE}/pages/:pk`,
  async (request) => {
    const page = await reader.read(
      `SELECT pk, ck, v FROM ${KEYSPACE}.pages WHERE pk = ?`,
      [Number(request.params.pk)],
      Number(request.query['page-size'] ?? 100),
    );
    return {
      count: page.rows.length,
      ...(page.pagingState ? { pageState: page.pagingState.toString('base64') } : {}),
      data: named(['pk', 'ck', 'v'], page.rows),
    };
  },
);
app.get<{ Params: { ns: string; collection: string; id: string } }>(
  '/v2/namespaces/:ns/collections/:collection/:id',
  async (request, reply) => {
    const { ns, collection, id } = request.params;
    const page = await reader.read(
      `SELECT DISTINCT key, doc FROM ${qualifiedName(checkedName(ns), checkedName(collection))} WHERE key = ?`,
      [id],
      100,
    );
    const doc = page.rows[0]?.[1];
    if (typeof doc !== 'string') return reply.code(404).send({ description: 'no document', code: 404 });
    return reply.type(JSON_CONTENT_TYPE).send(storedDocumentResponse(id, doc, false));
  },
);
await serveUntilDisconnect(app, () => reader.close());
