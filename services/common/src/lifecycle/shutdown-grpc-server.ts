// Graceful stop of a grpc-js server: tryShutdown closes the listeners (new connections are
// refused) and sends every connection an HTTP/2 GOAWAY (clients open new calls elsewhere) while the
// calls in flight finish; whatever is still open after graceMs is cut.
import type * as grpc from '@grpc/grpc-js';

/** Resolves true when every call finished in time, false when the rest had to be cut. */
export function shutdownGrpcServer(server: grpc.Server, graceMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve(false);
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
