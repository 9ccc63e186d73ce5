import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortInUseError } from '../../../tools/cassandra-local/errors.js';
import { nodeLayout, resolveOptions } from '../../../tools/cassandra-local/options.js';
import { assertNodePortsFree, assertPortFree } from '../../../tools/cassandra-local/port-check.js';

const address = '127.0.0.30';
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('port check', () => {
  it('names the address and port that another process holds', async () => {
    const check = assertPortFree({ address, port, purpose: 'CQL native transport' });
    await expect(check).rejects.toBeInstanceOf(PortInUseError);
    await expect(assertPortFree({ address, port, purpose: 'CQL native transport' })).rejects.toThrow(
      `${address}:${port} (CQL native transport) is already in use`,
    );
  });

  it('lets a free port pass, and does not hold on to it', async () => {
    await assertPortFree({ address: '127.0.0.31', port, purpose: 'test' });
    await assertPortFree({ address: '127.0.0.31', port, purpose: 'test' });
  });

  it("checks a node's native and storage ports on its own address", async () => {
    const node = nodeLayout(
      resolveOptions({ baseAddress: address, nativePort: port, storagePort: port + 1 }),
      1,
    );
    await expect(assertNodePortsFree(node)).rejects.toThrow(`${address}:${port}`);
    const storageTaken = nodeLayout(
      resolveOptions({ baseAddress: address, nativePort: port + 1, storagePort: port }),
      1,
    );
    await expect(assertNodePortsFree(storageTaken)).rejects.toThrow(/inter-node storage/);
  });
});
