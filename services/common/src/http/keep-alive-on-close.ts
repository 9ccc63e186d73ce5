// Once an app starts closing, every response says `Connection: close`: a keep-alive connection then
// ends with the request in flight on it, so close() completes without waiting for the keep-alive
// timeout, and the client knows to reconnect elsewhere instead of racing a socket we would close
// (Node's server.close() only closes the connections idle at that moment).
import type { FastifyInstance } from 'fastify';

export function closeConnectionsOnClose(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
}
