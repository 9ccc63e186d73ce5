// The floor of the gRPC rows (issue 19), a child process of the benchmark: the least an application
// can do to answer stargate.Stargate/ExecuteQuery — grpc-js with @grpc/proto-loader, one
// cassandra-driver client, the request's CQL run as a prepared statement and its rows answered as
// Values. No token check, no bridge. Reports its port over IPC.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoDir } from '../../services/common/src/proto/proto-root.js';
import { benchDriverClient } from './cassandra.js';

type Value = { int?: string; string?: string };
interface Request {
  cql: string;
  values?: { values?: Value[] };
  parameters?: { pageSize?: { value: number } };
}

const plain = (v: Value) => (v.int !== undefined ? Number(v.int) : v.string);
const value = (v: unknown): Value => (typeof v === 'number' ? { int: String(v) } : { string: String(v) });

const definition = protoLoader.loadSync('stargate.proto', { includeDirs: [protoDir], longs: String });
const { stargate } = grpc.loadPackageDefinition(definition) as unknown as {
  stargate: { Stargate: grpc.ServiceClientConstructor };
};
const client = benchDriverClient(process.env.CASSANDRA_CONTACT_POINTS ?? '127.0.0.1:9042');
await client.connect();

const server = new grpc.Server();
server.addService(stargate.Stargate.service, {
  ExecuteQuery: (call: grpc.ServerUnaryCall<Request, unknown>, callback: grpc.sendUnaryData<unknown>) => {
    const { cql, values, parameters } = call.request;
    client
      .execute(cql, (values?.values ?? []).map(plain), {
        prepare: true,
        fetchSize: parameters?.pageSize?.value ?? 100,
      })
      .then(
        (rs) =>
          callback(null, {
            resultSet: {
              rows: rs.rows.map((row) => ({ values: row.values().map(value) })),
              pagingState: rs.pageState ? { value: Buffer.from(rs.pageState, 'hex') } : undefined,
            },
          }),
        (err: Error) => callback({ code: grpc.status.INTERNAL, details: err.message }),
      );
  },
});
const port = await new Promise<number>((resolve, reject) =>
  server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
    err ? reject(err) : resolve(p),
  ),
);
process.send?.({ port });
process.on('disconnect', () => {
  server.forceShutdown();
  void client.shutdown().finally(() => process.exit(0));
});
