// What a Cassandra node's failure detector decided, read from its system.log: Gossiper logs
// "InetAddress /127.0.0.41:7000 is now DOWN" when it convicts a peer and "… is now UP" when the
// peer is back. Reading the log needs no JMX or nodetool and shows exactly when the node knew.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { now } from './load/request-record.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const POLL_MS = 100;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function peerDownLine(address: string): RegExp {
  return new RegExp(`InetAddress /${escapeRegExp(address)}:\\d+ is now DOWN`);
}

export function peerUpLine(address: string): RegExp {
  return new RegExp(`InetAddress /${escapeRegExp(address)}:\\d+ is now UP`);
}

export class NodeLog {
  constructor(readonly path: string) {}

  /** The log's current end: later waits look only at what is written after it. */
  mark(): number {
    try {
      return statSync(this.path).size;
    } catch {
      return 0;
    }
  }

  /** Text written since `from` (from 0 when the log was rotated meanwhile). */
  private readSince(from: number): string {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch {
      return '';
    }
    try {
      const size = statSync(this.path).size;
      const start = size < from ? 0 : from;
      const buffer = Buffer.alloc(size - start);
      readSync(fd, buffer, 0, buffer.length, start);
      return buffer.toString('utf8');
    } finally {
      closeSync(fd);
    }
  }

  /** now() when a line matching `pattern` is seen after `from`, or undefined after `timeoutMs`. */
  async waitFor(pattern: RegExp, from: number, timeoutMs: number): Promise<number | undefined> {
    const deadline = now() + timeoutMs;
    for (;;) {
      if (pattern.test(this.readSince(from))) return now();
      if (now() >= deadline) return undefined;
      await sleep(POLL_MS);
    }
  }
}
