// Ports agree everywhere: each probe, Service targetPort, ServiceMonitor endpoint and
// InterceptorRoute target lands on a port the container declares, and the containers listen on
// the defaults of schemas/config/*.json (which the ConfigMaps, if they set a port, repeat).
import { selectedWorkload } from './check-service-selectors.js';
import { defaultPorts } from './config-schemas.js';
import { containerEnv } from './container-env.js';
import { field, type K8sObject, nameOf, ofKind } from './k8s-object.js';
import { matchesSelector } from './label-selector.js';
import { findContainerPort, type Workload, workloads } from './workloads.js';

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  appProtocol?: string;
}

export function checkPorts(objects: readonly K8sObject[]): string[] {
  return [
    ...checkContainerPorts(objects),
    ...checkProbePorts(objects),
    ...checkServicePorts(objects),
    ...checkServiceMonitorPorts(objects),
    ...checkInterceptorRoutePorts(objects),
  ];
}

/** Container ports are exactly the service's listening ports, at their default numbers. */
function checkContainerPorts(objects: readonly K8sObject[]): string[] {
  const problems: string[] = [];
  for (const workload of workloads(objects)) {
    const defaults = defaultPorts(workload.service);
    const env = containerEnv(workload.containers[0]!, objects, workload.namespace);
    const declared = workload.containers.flatMap((c) => c.ports ?? []).map((p) => p.containerPort);
    for (const [variable, port] of defaults) {
      const set = env.get(variable)?.value;
      if (set !== undefined && Number(set) !== port) {
        problems.push(`${workload.name}: ${variable}=${set} differs from the default ${port}`);
      }
      if (!declared.includes(port)) {
        problems.push(`${workload.name}: no container port ${port} (${variable})`);
      }
    }
    for (const port of declared) {
      if (![...defaults.values()].includes(port)) {
        problems.push(`${workload.name}: port ${port} is no setting's default`);
      }
    }
    for (const container of workload.containers) {
      for (const port of container.ports ?? []) {
        if (port.name && port.name.length > 15) {
          problems.push(`${workload.name}: port name ${port.name} over 15 characters`);
        }
      }
    }
  }
  return problems;
}

function checkProbePorts(objects: readonly K8sObject[]): string[] {
  const problems: string[] = [];
  for (const workload of workloads(objects)) {
    for (const container of workload.containers) {
      for (const probeName of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
        const probe = container[probeName] as Record<string, { port?: number | string }> | undefined;
        if (!probe) continue;
        const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
        if (port === undefined || !findContainerPort(workload, port)) {
          problems.push(`${workload.name}: ${probeName} port ${String(port)} is not a container port`);
        }
      }
    }
  }
  return problems;
}

function checkServicePorts(objects: readonly K8sObject[]): string[] {
  const problems: string[] = [];
  for (const service of ofKind(objects, 'Service')) {
    if (field(service, 'spec', 'type') === 'ExternalName') continue;
    const workload = selectedWorkload(service, objects);
    if (!workload) continue; // reported by checkServiceSelectors
    for (const port of field<ServicePort[]>(service, 'spec', 'ports') ?? []) {
      const target = findContainerPort(workload, port.targetPort ?? port.port);
      if (!target) {
        problems.push(
          `${nameOf(service)}: port ${port.name ?? port.port} targets no port of ${workload.name}`,
        );
      } else if (target.name === 'grpc' && port.appProtocol !== 'kubernetes.io/h2c') {
        // The KEDA interceptor speaks HTTP/1.1 to a backend port unless it says h2c.
        problems.push(
          `${nameOf(service)}: gRPC port ${port.name ?? port.port} lacks appProtocol kubernetes.io/h2c`,
        );
      }
      if (port.name && port.name.length > 15) {
        problems.push(`${nameOf(service)}: port name ${port.name} over 15 characters`);
      }
    }
  }
  return problems;
}

function checkServiceMonitorPorts(objects: readonly K8sObject[]): string[] {
  const problems: string[] = [];
  for (const monitor of ofKind(objects, 'ServiceMonitor')) {
    const services = ofKind(objects, 'Service').filter(
      (s) =>
        s.metadata.namespace === monitor.metadata.namespace &&
        matchesSelector(s.metadata.labels ?? {}, field(monitor, 'spec', 'selector')),
    );
    if (services.length === 0) problems.push(`${nameOf(monitor)} selects no Service`);
    for (const endpoint of field<{ port?: string; path?: string }[]>(monitor, 'spec', 'endpoints') ?? []) {
      const hits = services.flatMap((service) => {
        const port = (field<ServicePort[]>(service, 'spec', 'ports') ?? []).find(
          (p) => p.name === endpoint.port,
        );
        const workload = port && selectedWorkload(service, objects);
        return workload && port && findContainerPort(workload, port.targetPort ?? port.port) ? [service] : [];
      });
      if (hits.length === 0) {
        problems.push(`${nameOf(monitor)}: endpoint port ${String(endpoint.port)} reaches no container port`);
      }
      if (endpoint.path !== '/metrics') {
        problems.push(`${nameOf(monitor)}: scrapes ${String(endpoint.path)}`);
      }
    }
  }
  return problems;
}

function checkInterceptorRoutePorts(objects: readonly K8sObject[]): string[] {
  const problems: string[] = [];
  for (const route of ofKind(objects, 'InterceptorRoute')) {
    const target = field<{ service: string; port?: number; portName?: string }>(route, 'spec', 'target');
    const service = ofKind(objects, 'Service').find(
      (s) => s.metadata.name === target?.service && s.metadata.namespace === route.metadata.namespace,
    );
    const port = (field<ServicePort[]>(service, 'spec', 'ports') ?? []).find((p) =>
      target?.portName !== undefined ? p.name === target.portName : p.port === target?.port,
    );
    const workload: Workload | undefined = service && selectedWorkload(service, objects);
    if (!service || !port || !workload || !findContainerPort(workload, port.targetPort ?? port.port)) {
      problems.push(`${nameOf(route)}: target ${JSON.stringify(target)} reaches no container port`);
    }
  }
  return problems;
}
