// Before a node starts: are its ports free on its address? Cassandra would otherwise die late
// with a bind error buried in its log.
import { createServer } from 'node:net';
import { PortInUseError } from './errors.js';
import type { NodeLayout } from './options.js';

export interface PortToCheck {
  address: string;
  port: number;
  purpose: string;
}

export function nodePorts(node: NodeLayout): PortToCheck[] {
  return [
    { address: node.address, port: node.nativePort, purpose: 'CQL native transport' },
    { address: node.address, port: node.storagePort, purpose: 'inter-node storage' },
    { address: '127.0.0.1', port: node.jmxPort, purpose: 'JMX' },
  ];
}

/** Resolves when the port can be bound on the address; rejects with PortInUseError otherwise. */
export function assertPortFree(check: PortToCheck): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE' || err.code === 'EACCES') {
        reject(new PortInUseError(check.address, check.port, check.purpose));
      } else if (err.code === 'EADDRNOTAVAIL') {
        reject(new Error(`${check.address} is not an address of this machine (${check.purpose})`));
      } else {
        reject(err);
      }
    });
    server.listen({ host: check.address, port: check.port, exclusive: true }, () => {
      server.close(() => resolve());
    });
  });
}

export async function assertNodePortsFree(node: NodeLayout): Promise<void> {
  for (const check of nodePorts(node)) await assertPortFree(check);
}

/**
 * After a node stops, the kernel can keep its ports (JMX in particular) for a few seconds; stop
 * waits for them so that an immediate restart does not fail with PortInUseError.
 */
export async function waitForNodePortsFree(node: NodeLayout, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertNodePortsFree(node);
      return true;
    } catch (err) {
      if (!(err instanceof PortInUseError) || Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
