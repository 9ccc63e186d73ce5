// Clients that send a whole request and go away before the answer: each opens its own connection,
// writes the complete request (headers and body), and destroys the socket a moment later, while
// the server is still working on it. One after the other, so each is a separate request.
import net from 'node:net';

export interface AbandonedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export async function abandonRequests(url: string, request: AbandonedRequest, count: number): Promise<void> {
  const { hostname, port } = new URL(url);
  const body = request.body ?? '';
  const head = [
    `${request.method} ${request.path} HTTP/1.1`,
    `host: ${hostname}:${port}`,
    ...Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`),
    ...(body ? [`content-length: ${Buffer.byteLength(body)}`] : []),
  ].join('\r\n');
  for (let i = 0; i < count; i++) {
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(port), hostname, () => {
        socket.write(`${head}\r\n\r\n${body}`, () => setTimeout(() => socket.destroy(), 1));
      });
      socket.on('close', () => resolve());
      socket.on('error', () => undefined);
    });
  }
}
