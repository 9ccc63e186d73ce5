// The Cassandra nodes the driver currently considers down (their connections closed or their
// reconnection failing), from the driver's public host map. Used to say why a request could not be
// served and to report a degraded cluster in the bridge's readiness.
import { status as GrpcStatus } from '@grpc/grpc-js';
import type cassandra from 'cassandra-driver';
import { BridgeError } from '../errors/bridge-error.js';

export function downHosts(client: cassandra.Client): string[] {
  return client.hosts
    .values()
    .filter((host) => !host.isUp())
    .map((host) => host.address)
    .sort();
}

export function hostCount(client: cassandra.Client): number {
  return client.hosts.length;
}

/**
 * A timeout while the driver sees nodes down is an outage in progress (Cassandra's failure detector
 * has not yet marked them down, so the coordinator waited for them): UNAVAILABLE naming the nodes,
 * so clients retry later instead of treating it as a slow query. Other errors pass unchanged.
 */
export function timeoutAsOutage(e: BridgeError, client: cassandra.Client): BridgeError {
  if (e.code !== GrpcStatus.DEADLINE_EXCEEDED) return e;
  const down = downHosts(client);
  if (down.length === 0) return e;
  return new BridgeError(
    GrpcStatus.UNAVAILABLE,
    `${e.message} (Cassandra nodes down: ${down.join(', ')}; a write may still have been applied)`,
    e.details,
  );
}
