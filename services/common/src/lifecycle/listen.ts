// Starting a listener on host:port, for every process: an HTTP app (the APIs, the admin and
// bridge HTTP ports) or a gRPC server. Port 0 takes any free port (tests); the port actually
// bound is returned so it can be logged and reported.
import * as grpc from '@grpc/grpc-js';
import type { FastifyInstance } from 'fastify';

/** Starts the HTTP app listening; resolves to the port it listens on. */
export async function listenHttp(app: FastifyInstance, host: string, port: number): Promise<number> {
  await app.listen({ host, port });
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : port;
}

/** Binds the gRPC server (plain text unless credentials say otherwise); resolves to the bound port. */
export function bindGrpc(
  server: grpc.Server,
  host: string,
  port: number,
  credentials: grpc.ServerCredentials = grpc.ServerCredentials.createInsecure(),
): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(`${host}:${port}`, credentials, (err, bound) => (err ? reject(err) : resolve(bound)));
  });
}
