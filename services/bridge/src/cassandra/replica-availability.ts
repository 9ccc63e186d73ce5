// Fails a request at once when the driver already knows that too few nodes are up to reach its
// consistency level in a keyspace. Cassandra answers Unavailable itself only after its failure
// detector has convicted the dead nodes (often 10 s or more after a crash); until then the
// coordinator waits for them and times out, and its own auth reads (Cassandra 5.0 reads system_auth
// at LOCAL_QUORUM) can stall it for longer still. The driver notices a dead node as soon as its
// connections close, so the bridge can answer UNAVAILABLE right away, as Cassandra would later.
// The check only refuses what cannot succeed: fewer nodes up in a datacenter than the replicas the
// consistency level needs there, so no partition of the keyspace can reach it.
import { status as GrpcStatus } from '@grpc/grpc-js';
import type cassandra from 'cassandra-driver';
import { type ReplicationFactors, replicationFactors } from '../../../common/src/cql/replication-options.js';
import { encodeMessage } from '../../../common/src/proto/proto-root.js';
import { BridgeError } from '../errors/bridge-error.js';

// The CQL protocol's consistency codes (the driver's and the proto's enums use the same numbers).
const ANY = 0;
const ONE = 1;
const TWO = 2;
const THREE = 3;
const QUORUM = 4;
const ALL = 5;
const LOCAL_QUORUM = 6;
const EACH_QUORUM = 7;
const SERIAL = 8;
const LOCAL_SERIAL = 9;
const LOCAL_ONE = 10;

const NAMES = [
  'ANY',
  'ONE',
  'TWO',
  'THREE',
  'QUORUM',
  'ALL',
  'LOCAL_QUORUM',
  'EACH_QUORUM',
  'SERIAL',
  'LOCAL_SERIAL',
  'LOCAL_ONE',
];

interface Need {
  /** Datacenter whose nodes count, or undefined for the whole cluster. */
  datacenter: string | undefined;
  required: number;
}

/** Replication factor per datacenter ('*' for SimpleStrategy); absent for local or unknown strategies. */
type Replication = ReplicationFactors;

// Read from system_schema ourselves: the driver's own keyspace metadata is empty when maps are
// decoded as Map (create-client.ts), and it must be known before an outage starts.
const REPLICATION_CQL = 'SELECT keyspace_name, replication FROM system_schema.keyspaces';

interface Watched {
  keyspaces: string[];
  consistency: number;
  fail(err: BridgeError): void;
}

export class ReplicaAvailability {
  private replication = new Map<string, Replication>();
  private timer: NodeJS.Timeout | undefined;
  private readonly watched = new Set<Watched>();
  private listening: cassandra.Client | undefined;

  constructor(
    private readonly client: () => cassandra.Client | undefined,
    private readonly localDatacenter: string,
    private readonly refreshIntervalMs = 10_000,
  ) {}

  /** Loads every keyspace's replication now and then every refreshIntervalMs (the last map stays on failure). */
  start(): void {
    const client = this.client();
    if (client && this.listening !== client) {
      this.listening = client;
      client.on('hostDown', () => this.failUnreachable());
    }
    if (this.timer) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.refreshIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  async refresh(): Promise<void> {
    const client = this.client();
    if (!client) return;
    try {
      const rs = await client.execute(REPLICATION_CQL, [], { readTimeout: 5000, isIdempotent: true });
      const next = new Map<string, Replication>();
      for (const row of rs.rows) {
        const parsed = replicationFactors(row.replication as Map<string, string> | Record<string, string>);
        if (parsed) next.set(String(row.keyspace_name), parsed);
      }
      this.replication = next;
    } catch {
      // Keep what we knew: this matters most when the cluster is failing.
    }
  }

  /**
   * Runs a request that has passed check(); if a node goes down while it is in flight and its
   * consistency level can no longer be reached, it fails at once with UNAVAILABLE instead of waiting
   * for Cassandra's timeouts (its result, should it still come, is ignored: a write may have been
   * applied, which the message says).
   */
  whileReachable<T>(keyspaces: string[], consistency: number, run: () => Promise<T>): Promise<T> {
    // Only keyspaces with several replicas can lose their consistency level to one node going down.
    if (!keyspaces.some((k) => replicaCount(this.replication.get(k)) > 1)) return run();
    return new Promise<T>((resolve, reject) => {
      const entry: Watched = { keyspaces, consistency, fail: reject };
      this.watched.add(entry);
      run().then(
        (value) => {
          this.watched.delete(entry);
          resolve(value);
        },
        (err: unknown) => {
          this.watched.delete(entry);
          reject(err);
        },
      );
    });
  }

  private failUnreachable(): void {
    for (const entry of this.watched) {
      for (const keyspace of entry.keyspaces) {
        const err = this.check(keyspace, entry.consistency);
        if (!err) continue;
        this.watched.delete(entry);
        entry.fail(
          new BridgeError(
            err.code,
            `${err.message}; a node went down while the request was in flight (a write may still have been applied)`,
            err.details,
          ),
        );
        break;
      }
    }
  }

  /** An UNAVAILABLE error when the consistency level cannot be reached in the keyspace, else undefined. */
  check(keyspace: string, consistency: number): BridgeError | undefined {
    const client = this.client();
    const replication = this.replication.get(keyspace);
    if (!client || !replication) return undefined;
    const hosts = client.hosts.values();
    for (const need of needs(replication, consistency, this.localDatacenter)) {
      const inScope = hosts.filter((h) => need.datacenter === undefined || h.datacenter === need.datacenter);
      const alive = inScope.filter((h) => h.isUp()).length;
      if (alive >= need.required) continue;
      const down = inScope.filter((h) => !h.isUp()).map((h) => h.address);
      const where = need.datacenter ? ` in ${need.datacenter}` : '';
      return new BridgeError(
        GrpcStatus.UNAVAILABLE,
        `Cannot achieve consistency level ${NAMES[consistency]} in keyspace ${keyspace}: ` +
          `${need.required} replica(s) required${where}, ${alive} node(s) up` +
          (down.length > 0 ? ` (down: ${down.sort().join(', ')})` : ''),
        [
          {
            typeName: 'stargate.Unavailable',
            bytes: encodeMessage('stargate.Unavailable', { consistency, required: need.required, alive }),
          },
        ],
      );
    }
    return undefined;
  }
}

function replicaCount(replication: Replication | undefined): number {
  let total = 0;
  for (const rf of replication?.values() ?? []) total += rf;
  return total;
}

function needs(replication: Replication, consistency: number, localDc: string): Need[] {
  const simple = replication.get('*');
  const total = simple ?? [...replication.values()].reduce((a, b) => a + b, 0);
  const quorum = (rf: number) => Math.floor(rf / 2) + 1;
  const localRf = simple ?? replication.get(localDc) ?? 0;
  switch (consistency) {
    case ONE:
    case TWO:
    case THREE:
      return [{ datacenter: undefined, required: Math.min(consistency, total) }];
    case QUORUM:
    case SERIAL:
      return [{ datacenter: undefined, required: quorum(total) }];
    case ALL:
      return [{ datacenter: undefined, required: total }];
    case LOCAL_QUORUM:
    case LOCAL_SERIAL:
      return localRf > 0 ? [{ datacenter: simple ? undefined : localDc, required: quorum(localRf) }] : [];
    case LOCAL_ONE:
      return localRf > 0 ? [{ datacenter: simple ? undefined : localDc, required: 1 }] : [];
    case EACH_QUORUM:
      if (simple) return [{ datacenter: undefined, required: quorum(simple) }];
      return [...replication].map(([dc, rf]) => ({ datacenter: dc, required: quorum(rf) }));
    case ANY:
      return [];
    default:
      return [];
  }
}
