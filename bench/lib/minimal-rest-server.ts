// The floor of the REST rows (issue 19), a child process of the benchmark: the least an application
// can do to answer `GET /v2/keyspaces/bench/kv/{k}` with the building blocks the gateway is made of.
// Fastify with one route, answered as Stargate's REST API answers it ({"count":1,"data":[…]}), no
// token check, no schema, no metrics. Two shapes (MINIMAL_REST_UPSTREAM):
//   - a host:port: the read is one grpc-js unary stargate.Stargate/ExecuteQuery call to the minimal
//     gRPC server (minimal-grpc-server.ts), which runs it through cassandra-driver: the gateway's
//     two processes built the plain way, one unary call per request;
//   - unset: the route runs the read through cassandra-driver itself: no hop at all, the floor of
//     any HTTP API in front of Cassandra in Node.
// Reports its port over IPC.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import Fastify from 'fastify';
import { protoDir } from '../../services/common/src/proto/proto-root.js';
import { benchDriverClient } from './cassandra.js';
import { KEYSPACE } from './dataset.js';
import { serveUntilDisconnect } from './floor-server-life.js';

type Value = { int?: string; string?: string };
interface Response {
  resultSet?: { rows?: Array<{ values?: Value[] }> };
}
type ReadRow = (k: number) => Promise<Record<string, unknown>[]>;

const CQL = `SELECT k, v FROM ${KEYSPACE}.kv WHERE k = ?`;
const upstream = process.env.MINIMAL_REST_UPSTREAM;

function grpcReader(target: string): { read: ReadRow; close(): void } {
  const definition = protoLoader.loadSync('stargate.proto', { includeDirs: [protoDir], longs: String });
  const { stargate } = grpc.loadPackageDefinition(definition) as unknown as {
    stargate: { Stargate: grpc.ServiceClientConstructor };
  };
  const client = new stargate.Stargate(target, grpc.credentials.createInsecure());
  const executeQuery = client.ExecuteQuery!.bind(client) as (
    request: unknown,
    callback: (err: grpc.ServiceError | null, res: Response) => void,
  ) => void;
  const read: ReadRow = (k) =>
    new Promise((resolve, reject) =>
      executeQuery({ cql: CQL, values: { values: [{ int: String(k) }] } }, (err, res) =>
        err
          ? reject(err)
          : resolve(
              (res.resultSet?.rows ?? []).map((row) => ({
                k: Number(row.values?.[0]?.int),
                v: row.values?.[1]?.string,
              })),
            ),
      ),
    );
  return { read, close: () => client.close() };
}

function driverReader(): { read: ReadRow; close(): Promise<void> } {
  const client = benchDriverClient(process.env.CASSANDRA_CONTACT_POINTS ?? '127.0.0.1:9042');
  const read: ReadRow = async (k) => {
    const rs = await client.execute(CQL, [k], { prepare: true });
    return rs.rows.map((row) => ({ k: row.get('k'), v: row.get('v') }));
  };
  return { read, close: () => client.shutdown() };
}

const reader = upstream ? grpcReader(upstream) : driverReader();
const app = Fastify({ logger: false });
app.get<{ Params: { k: string } }>(`/v2/keyspaces/${KEYSPACE}/kv/:k`, async (request) => {
  const data = await reader.read(Number(request.params.k));
  return { count: data.length, data };
});
await serveUntilDisconnect(app, () => reader.close());
