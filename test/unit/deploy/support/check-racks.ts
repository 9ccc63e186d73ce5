// Racks and zones of a datacenter. Cass Operator spreads a datacenter's nodes evenly over its
// racks (one StatefulSet `<cluster>-<dc>-<rack>-sts` each, name at most 60 characters, checked by
// its webhook) and pins a rack's pods with nodeAffinityLabels; Cassandra's NetworkTopologyStrategy
// places the replicas of a row in a datacenter on distinct racks. With replication factor 3 and
// three racks in three zones, a zone outage leaves two replicas: LOCAL_QUORUM still holds. Racks
// cannot be added, removed, renamed or reordered once the datacenter exists (Cass Operator's
// webhook), so this is right before the first apply or never.
import type { Datacenter } from './storage-topology.js';

export function checkRacks(clusterName: string, dc: Datacenter, zonesWanted: number): string[] {
  const problems: string[] = [];
  const say = (message: string) => problems.push(`datacenter ${dc.name}: ${message}`);
  for (const rack of dc.racks) {
    if (`${clusterName}-${dc.name}-${rack.name}-sts`.length > 60)
      say(`rack ${rack.name}: StatefulSet name over 60 characters`);
  }
  if (dc.size % dc.racks.length !== 0)
    say(`${dc.size} nodes do not split evenly over ${dc.racks.length} racks`);
  if (zonesWanted === 0) return problems;
  const zones = dc.racks.map((rack) => rack.zone);
  if (zones.some((zone) => zone === undefined)) say('a rack is not pinned to a topology.kubernetes.io/zone');
  if (new Set(zones).size !== zones.length) say('two racks share a zone');
  if (dc.racks.length < zonesWanted) say(`${dc.racks.length} racks, not one in each of ${zonesWanted} zones`);
  return problems;
}
