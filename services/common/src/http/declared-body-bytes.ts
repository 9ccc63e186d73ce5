// What a request's body may take in memory, known from its headers alone: its Content-Length, at
// most the API's body limit (over it the body is refused with 413 and never read); a chunked
// body declares nothing, so it counts as the largest body the API accepts.
import type { IncomingMessage } from 'node:http';

export function declaredBodyBytes(req: IncomingMessage, bodyLimitBytes: number): number {
  const length = req.headers['content-length'];
  if (length !== undefined) {
    const bytes = Number(length);
    return Number.isFinite(bytes) && bytes >= 0 ? Math.min(bytes, bodyLimitBytes) : 0;
  }
  return req.headers['transfer-encoding'] !== undefined ? bodyLimitBytes : 0;
}
