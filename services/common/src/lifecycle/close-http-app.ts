// Graceful stop of a Fastify app: the listener closes (new connections are refused), requests in
// flight finish and their keep-alive connections end with them (see http/keep-alive-on-close.ts);
// connections still busy after graceMs are cut.
import type { FastifyInstance } from 'fastify';

/** Resolves true when every request finished in time, false when the rest had to be cut. */
export async function closeHttpApp(app: FastifyInstance, graceMs: number): Promise<boolean> {
  let cut = false;
  const timer = setTimeout(() => {
    cut = true;
    app.server.closeAllConnections();
  }, graceMs);
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
  }
  return !cut;
}
