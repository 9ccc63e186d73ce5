// The pods a rendered system would run, plus the outside pods it talks to, as network-policy
// checks need them: namespace, labels and ports. Cassandra, Reaper and the operators' pods are
// not in our manifests; their labels are those k8ssandra-operator and Cass Operator set
// (facts: k8ssandra-deploy.md §6, k8ssandra-operator pkg/reaper/labels.go).
import { field, type K8sObject } from './k8s-object.js';
import type { StorageTopology } from './storage-topology.js';
import type { ContainerPort, Workload } from './workloads.js';

export interface Pod {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  ports: ContainerPort[];
  /** Set for a pod of another Kubernetes cluster, reached by pod IP. */
  ip?: string;
}

const cassandraPorts: ContainerPort[] = [
  { name: 'native', containerPort: 9042 },
  { name: 'internode', containerPort: 7000 },
  { name: 'tls-internode', containerPort: 7001 },
  { name: 'jmx', containerPort: 7199 },
  { name: 'mgmt-api-http', containerPort: 8080 },
  { name: 'metrics', containerPort: 9000 },
  { name: 'medusa-grpc', containerPort: 50051 },
];

export function workloadPods(workloads: readonly Workload[]): Pod[] {
  return workloads.map((w) => ({
    name: w.name,
    namespace: w.namespace,
    labels: w.labels,
    ports: w.containers.flatMap((c) => c.ports ?? []),
  }));
}

export function cassandraPods(storage: StorageTopology, namespace: string): Pod[] {
  return storage.local.map((dc) => ({
    name: `${storage.clusterName}-${dc.name}-default-sts-0`,
    namespace,
    labels: {
      'app.kubernetes.io/managed-by': 'cass-operator',
      'cassandra.datastax.com/cluster': storage.clusterName,
      'cassandra.datastax.com/datacenter': dc.name,
      'cassandra.datastax.com/rack': dc.racks[0]?.name ?? 'default',
    },
    ports: cassandraPorts,
  }));
}

/** The pod of a Job of ours (the bridge's role Job), from its template. */
export function jobPod(job: K8sObject): Pod {
  return {
    name: job.metadata.name,
    namespace: job.metadata.namespace ?? 'default',
    labels: field<Record<string, string>>(job, 'spec', 'template', 'metadata', 'labels') ?? {},
    ports: [],
  };
}

export function reaperPod(storage: StorageTopology, namespace: string): Pod {
  return {
    name: `${storage.clusterName}-reaper`,
    namespace,
    labels: {
      'app.kubernetes.io/name': 'k8ssandra-operator',
      'app.kubernetes.io/part-of': 'k8ssandra',
      'app.kubernetes.io/component': 'reaper',
      'app.kubernetes.io/managed-by': 'k8ssandra-operator',
      'k8ssandra.io/cluster-name': storage.clusterName,
    },
    ports: [{ name: 'app', containerPort: 8080 }],
  };
}

/** Pods of the platform components the README installs, in their usual namespaces. */
export const platformPods = {
  interceptor: pod('keda-add-ons-http-interceptor', 'keda', {
    'app.kubernetes.io/component': 'interceptor',
    'app.kubernetes.io/part-of': 'keda-add-ons-http',
  }),
  prometheus: pod('prometheus-kube-prometheus-stack-prometheus-0', 'monitoring', {
    'app.kubernetes.io/name': 'prometheus',
    'app.kubernetes.io/instance': 'kube-prometheus-stack-prometheus',
  }),
  operator: pod('k8ssandra-operator', 'k8ssandra-operator', {
    'app.kubernetes.io/name': 'k8ssandra-operator',
    'control-plane': 'k8ssandra-operator',
  }),
};

/** A pod nothing should trust: any other workload of our namespace. */
export function strangerPod(namespace: string): Pod {
  return pod('some-other-app', namespace, { 'app.kubernetes.io/name': 'some-other-app' });
}

function pod(name: string, namespace: string, labels: Record<string, string>): Pod {
  return { name, namespace, labels, ports: [] };
}
