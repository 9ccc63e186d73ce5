// A tiny HTTP server on 127.0.0.1 (port 0) serving one HTML page: a web app on an origin of its
// own, for testing what browsers let such a page do with our APIs (CORS).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OriginPageServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  close(): Promise<void>;
}

export async function startOriginPageServer(html: string): Promise<OriginPageServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || !req.url?.startsWith('/')) {
      res.writeHead(405).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
