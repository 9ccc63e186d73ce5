// Child process of the calibration step (calibrate.ts): a Fastify route returning a small JSON
// document and a grpc-js unary echo, the two building blocks whose cost performance-notes §6 gives
// for the reference machine. Reports its ports over IPC.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import Fastify from 'fastify';
import { ECHO_PROTO } from './echo-proto.js';

const definition = grpc.loadPackageDefinition(protoLoader.loadSync(ECHO_PROTO)) as unknown as {
  calibration: { Echo: grpc.ServiceClientConstructor };
};

const app = Fastify({ logger: false });
app.get('/echo', async () => ({ hello: 'world', n: 1 }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const httpPort = typeof address === 'object' && address ? address.port : 0;

const server = new grpc.Server();
server.addService(definition.calibration.Echo.service, {
  Echo: (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) =>
    callback(null, call.request),
});
const grpcPort = await new Promise<number>((resolve, reject) =>
  server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) =>
    err ? reject(err) : resolve(port),
  ),
);
process.send?.({ httpPort, grpcPort });
process.on('disconnect', () => process.exit(0));
