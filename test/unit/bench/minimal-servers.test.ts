// The bench's floor servers as child processes (bench/lib/minimal-servers.ts): one that cannot start
// is reported by name and leaves nothing running (the run then notes it and skips its rows); one that
// starts answers on the address it reports, and is gone after stop(). No Cassandra here: the
// contact point is a closed port.
import { afterEach, describe, expect, it } from 'vitest';
import {
  type MinimalServer,
  startMinimalGrpcServer,
  startMinimalRestServer,
} from '../../../bench/lib/minimal-servers.js';

const NOWHERE = '127.0.0.1:1';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !alive(pid);
}

describe('floor servers of the bench', () => {
  const started: MinimalServer[] = [];
  afterEach(() => {
    for (const s of started.splice(0)) s.stop();
  });

  it('a floor server that cannot start rejects at once with its name and the error it died of', async () => {
    // The minimal gRPC server connects to Cassandra before it listens.
    const before = Date.now();
    await expect(startMinimalGrpcServer(NOWHERE)).rejects.toThrow(
      /^minimal gRPC server exited \(1\): NoHostAvailableError: All host\(s\) tried for query failed/,
    );
    expect(Date.now() - before).toBeLessThan(30_000);
  });

  it('a started floor server answers on the address it reported, and is gone after stop()', async () => {
    // The REST floor server's driver connects on its first read: it listens without Cassandra.
    const server = await startMinimalRestServer(NOWHERE);
    started.push(server);
    expect(server.address).toMatch(/^127\.0\.0\.1:\d+$/);
    const res = await fetch(`http://${server.address}/v2/namespaces/bad-name!/collections/c/id`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ message: 'bad name bad-name!' });
    server.stop();
    expect(await gone(server.pid, 5_000)).toBe(true);
  });
});
