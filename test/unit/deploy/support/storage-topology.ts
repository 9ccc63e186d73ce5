// The Cassandra side of a rendered system: cluster name and datacenters, read from the
// K8ssandraCluster. A data-plane-only render (multi-cluster dc2-cluster) has none; its
// datacenters are those the control-plane render places in another Kubernetes cluster.
import { field, type K8sObject, ofKind } from './k8s-object.js';
import { renderKustomization } from './render-kustomization.js';

export interface Datacenter {
  /** metadata.name: part of Cass Operator's object names (`<cluster>-<dc>-service`). */
  name: string;
  /** The name Cassandra and the driver use: datacenterName if set, else metadata.name. */
  cassandraName: string;
  size: number;
  k8sContext?: string;
  /** Where its CassandraDatacenter lives: metadata.namespace, else the K8ssandraCluster's. */
  namespace: string;
  /** Its racks (Cass Operator's single `default` rack when none are listed). */
  racks: Rack[];
}

export interface Rack {
  name: string;
  /** The `topology.kubernetes.io/zone` its pods are pinned to, if any. */
  zone?: string;
}

export interface StorageTopology {
  k8ssandraCluster: K8sObject;
  /** Cass Operator's cluster name: the Secret is `<clusterName>-superuser`. */
  clusterName: string;
  /** Datacenters whose pods run in the Kubernetes cluster of this render. */
  local: Datacenter[];
  all: Datacenter[];
}

/** Control-plane render of each data-plane-only render. */
const controlPlaneOf: Record<string, string> = {
  'overlays/multi-cluster/dc2-cluster': 'overlays/multi-cluster',
};

export function storageTopology(
  path: string,
  objects: readonly K8sObject[] = renderKustomization(path),
): StorageTopology {
  const controlPlane = controlPlaneOf[path];
  const source = controlPlane ? renderKustomization(controlPlane) : objects;
  const [k8ssandraCluster, ...others] = ofKind(source, 'K8ssandraCluster');
  if (!k8ssandraCluster || others.length > 0) throw new Error(`${path}: expected one K8ssandraCluster`);
  const clusterName = (
    field<string>(k8ssandraCluster, 'spec', 'cassandra', 'clusterName') ?? k8ssandraCluster.metadata.name
  )
    .toLowerCase()
    .replace(/_/g, '-');
  const clusterRacks = field<Record<string, unknown>[]>(k8ssandraCluster, 'spec', 'cassandra', 'racks');
  const all = (
    field<Record<string, unknown>[]>(k8ssandraCluster, 'spec', 'cassandra', 'datacenters') ?? []
  ).map((dc) => ({
    name: field<string>(dc, 'metadata', 'name') ?? '',
    cassandraName: field<string>(dc, 'datacenterName') ?? field<string>(dc, 'metadata', 'name') ?? '',
    size: field<number>(dc, 'size') ?? 0,
    k8sContext: field<string>(dc, 'k8sContext'),
    namespace: field<string>(dc, 'metadata', 'namespace') ?? k8ssandraCluster.metadata.namespace ?? 'default',
    // A datacenter's own racks replace the cluster-wide ones.
    racks: (field<Record<string, unknown>[]>(dc, 'racks') ?? clusterRacks ?? [{ name: 'default' }]).map(
      (rack) => ({
        name: field<string>(rack, 'name') ?? '',
        zone: field<string>(rack, 'nodeAffinityLabels', 'topology.kubernetes.io/zone'),
      }),
    ),
  }));
  const local = all.filter((dc) =>
    controlPlane ? dc.k8sContext !== undefined : dc.k8sContext === undefined,
  );
  return { k8ssandraCluster, clusterName, local, all };
}
