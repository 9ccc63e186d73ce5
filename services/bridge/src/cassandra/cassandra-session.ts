// Owns the driver clients: connects in the background with back-off (the bridge starts and serves
// health even while Cassandra is down), reports whether Cassandra answers, and hands out the
// client for a request: the main one, or one bound to QueryParameters.keyspace.
import { status as GrpcStatus } from '@grpc/grpc-js';
import type cassandra from 'cassandra-driver';
import type { Logger } from 'pino';
import { BridgeError } from '../errors/bridge-error.js';
import { fromDriverError } from '../errors/from-driver-error.js';
import { type ClientSettings, createClient } from './create-client.js';
import { downHosts, hostCount, timeoutAsOutage } from './down-hosts.js';
import { explainConnectFailure } from './explain-connect-failure.js';
import { ReplicaAvailability } from './replica-availability.js';

// The driver cannot send a keyspace with each request on protocol v4 (only DSE v2 can), so a
// query with QueryParameters.keyspace runs on a client whose connections ran USE <keyspace>.
const MAX_KEYSPACE_CLIENTS = 16;

export class CassandraSession {
  private client: cassandra.Client | undefined;
  private connecting: Promise<void> | undefined;
  private readonly keyspaceClients = new Map<string, Promise<cassandra.Client>>();
  private closed = false;
  private lastError: string | undefined;
  private readonly replicas: ReplicaAvailability;

  constructor(
    private readonly settings: ClientSettings,
    private readonly logger: Logger,
  ) {
    this.replicas = new ReplicaAvailability(() => this.client, settings.localDatacenter);
  }

  /** Starts connecting; resolves once connected (retries until close()). */
  start(): Promise<void> {
    this.connecting ??= this.connectLoop();
    return this.connecting;
  }

  private async connectLoop(): Promise<void> {
    let delayMs = 200;
    while (!this.closed) {
      const client = createClient(this.settings);
      try {
        await client.connect();
        this.client = client;
        this.lastError = undefined;
        this.replicas.start();
        this.logger.info({ contactPoints: this.settings.contactPoints }, 'connected to Cassandra');
        return;
      } catch (err) {
        await client.shutdown().catch(() => undefined);
        const failure = await explainConnectFailure(err, this.settings.tls);
        this.lastError = failure.message;
        if (failure.tls)
          this.logger.error(
            { err: this.lastError, retryInMs: delayMs },
            'TLS connection to Cassandra failed',
          );
        else this.logger.warn({ err: this.lastError, retryInMs: delayMs }, 'Cassandra not reachable yet');
        await new Promise((r) => setTimeout(r, delayMs));
        delayMs = Math.min(delayMs * 2, 5000);
      }
    }
  }

  /** The main client, or UNAVAILABLE when the first connection has not succeeded yet. */
  main(): cassandra.Client {
    if (!this.client) {
      throw new BridgeError(
        GrpcStatus.UNAVAILABLE,
        `Cassandra is unreachable: ${this.lastError ?? 'connecting'}`,
      );
    }
    return this.client;
  }

  async forKeyspace(keyspace: string | undefined): Promise<cassandra.Client> {
    const main = this.main();
    if (!keyspace) return main;
    let pending = this.keyspaceClients.get(keyspace);
    if (!pending) {
      if (this.keyspaceClients.size >= MAX_KEYSPACE_CLIENTS) await this.evictOldestKeyspaceClient();
      const client = createClient({ ...this.settings, keyspace });
      pending = client.connect().then(
        () => client,
        async (err: Error) => {
          this.keyspaceClients.delete(keyspace);
          await client.shutdown().catch(() => undefined);
          throw err;
        },
      );
      this.keyspaceClients.set(keyspace, pending);
    } else {
      // Refresh its place in the insertion-ordered map (least recently used goes first).
      this.keyspaceClients.delete(keyspace);
      this.keyspaceClients.set(keyspace, pending);
    }
    return pending;
  }

  /** Drops the client bound to a keyspace (after DROP KEYSPACE). */
  async forgetKeyspace(keyspace: string): Promise<void> {
    const pending = this.keyspaceClients.get(keyspace);
    this.keyspaceClients.delete(keyspace);
    if (pending) await pending.then((c) => c.shutdown()).catch(() => undefined);
  }

  private async evictOldestKeyspaceClient(): Promise<void> {
    const oldest = this.keyspaceClients.keys().next().value;
    if (oldest !== undefined) await this.forgetKeyspace(oldest);
  }

  /**
   * Throws UNAVAILABLE when the driver knows too few nodes are up for this consistency level in the
   * keyspace (see replica-availability.ts); does nothing before the first connection.
   */
  checkReplicas(keyspace: string, consistency: number): void {
    const err = this.replicas.check(keyspace, consistency);
    if (err) throw err;
  }

  /**
   * The bridge's own reads and writes (tokens, grants) as its requests run: refused at once when the
   * consistency level cannot be reached, failed at once when it becomes unreachable in flight, and a
   * timeout while nodes are down reported as UNAVAILABLE.
   */
  async guarded<T>(keyspace: string, consistency: number, run: () => Promise<T>): Promise<T> {
    this.checkReplicas(keyspace, consistency);
    try {
      return await this.replicas.whileReachable([keyspace], consistency, run);
    } catch (err) {
      if (!this.client || err instanceof BridgeError) throw err;
      const e = fromDriverError(err);
      const outage = timeoutAsOutage(e, this.client);
      throw outage === e ? err : outage;
    }
  }

  /** Runs a request; fails it at once if a node goes down meanwhile and its consistency becomes unreachable. */
  whileReachable<T>(keyspaces: string[], consistency: number, run: () => Promise<T>): Promise<T> {
    return this.replicas.whileReachable(keyspaces, consistency, run);
  }

  /** Re-reads every keyspace's replication (after this bridge changed the schema). */
  refreshReplication(): Promise<void> {
    return this.replicas.refresh();
  }

  /** Ready = a query answers now (not merely that a connection was once made). */
  async isReady(): Promise<{ ready: boolean; detail?: string }> {
    if (!this.client)
      return { ready: false, detail: `Cassandra unreachable: ${this.lastError ?? 'connecting'}` };
    try {
      await this.client.execute('SELECT release_version FROM system.local', [], { readTimeout: 2000 });
      // Still ready (statements at ONE, or on keyspaces placed elsewhere, work), but say so.
      const down = downHosts(this.client);
      if (down.length === 0) return { ready: true };
      return {
        ready: true,
        detail: `${down.length} of ${hostCount(this.client)} Cassandra nodes down: ${down.join(', ')}`,
      };
    } catch (err) {
      // Certificates can change under a running bridge (rotated, expired): name a TLS cause.
      const failure = await explainConnectFailure(err, this.settings.tls);
      return { ready: false, detail: `Cassandra not answering: ${failure.message}` };
    }
  }

  /** Open connections and in-flight requests per host, for metrics. */
  state(): Array<{ host: string; openConnections: number; inFlightQueries: number }> {
    if (!this.client) return [];
    const state = this.client.getState();
    return state.getConnectedHosts().map((host) => ({
      host: host.address,
      openConnections: state.getOpenConnections(host),
      inFlightQueries: state.getInFlightQueries(host),
    }));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.replicas.stop();
    const clients = await Promise.allSettled([...this.keyspaceClients.values()]);
    this.keyspaceClients.clear();
    await Promise.all(
      clients.map((c) => (c.status === 'fulfilled' ? c.value.shutdown().catch(() => undefined) : undefined)),
    );
    await this.client?.shutdown().catch(() => undefined);
    this.client = undefined;
  }
}
