// What the checks need to know about the pods our Deployments create.
import { field, type K8sObject, ofKind } from './k8s-object.js';

export interface ContainerPort {
  name?: string;
  containerPort: number;
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: ContainerPort[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: Record<string, { name: string; key: string; optional?: boolean }>;
  }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  [key: string]: unknown;
}

export interface Workload {
  deployment: K8sObject;
  name: string;
  namespace: string;
  labels: Record<string, string>;
  containers: Container[];
  /** The service the container runs: `dist/<service>/main.js` in its command. */
  service: string;
}

export function workloads(objects: readonly K8sObject[]): Workload[] {
  return ofKind(objects, 'Deployment').map((deployment) => {
    const containers = field<Container[]>(deployment, 'spec', 'template', 'spec', 'containers') ?? [];
    const command = containers[0]?.command?.join(' ') ?? '';
    return {
      deployment,
      name: deployment.metadata.name,
      namespace: deployment.metadata.namespace ?? 'default',
      labels: field<Record<string, string>>(deployment, 'spec', 'template', 'metadata', 'labels') ?? {},
      containers,
      service: /(?:^|\s)dist\/([a-z]+)\/main\.js$/.exec(command)?.[1] ?? '',
    };
  });
}

/** The container port a probe, Service or monitor refers to by number or name. */
export function findContainerPort(workload: Workload, port: number | string): ContainerPort | undefined {
  for (const container of workload.containers) {
    const found = container.ports?.find((p) =>
      typeof port === 'number' ? p.containerPort === port : p.name === port,
    );
    if (found) return found;
  }
  return undefined;
}
