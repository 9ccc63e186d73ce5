// The life of an HTTP floor server as a child of the benchmark (minimal-servers.ts starts it): it
// listens on a free loopback port, reports that port over IPC, and when the benchmark disconnects
// closes the server, then its clients, and exits.
import type { FastifyInstance } from 'fastify';

export async function serveUntilDisconnect(app: FastifyInstance, closeClients: () => unknown): Promise<void> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  process.on('disconnect', () => {
    void app
      .close()
      .then(closeClients)
      .finally(() => process.exit(0));
  });
}
