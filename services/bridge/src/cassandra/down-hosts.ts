// The Cassandra nodes the driver currently considers down (their connections closed or their
// reconnection failing), from the driver's public host map. Used to say why a request could not be
// served and to report a degraded cluster in the bridge's readiness.
import type cassandra from 'cassandra-driver';

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
