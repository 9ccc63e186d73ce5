// The gateway's configuration: every variable a container gets is one its service reads, with a
// value its schema accepts; each API's BRIDGE_ADDRESS names the bridge of its own gateway
// instance; each bridge talks to a datacenter of this cluster through Cass Operator's Service,
// treats that datacenter as local, and logs in with the operator's superuser Secret.
import { selectedWorkload } from './check-service-selectors.js';
import { checkEnvironment } from './config-schemas.js';
import { containerEnv } from './container-env.js';
import { field, type K8sObject, ofKind } from './k8s-object.js';
import type { StorageTopology } from './storage-topology.js';
import { findContainerPort, workloads } from './workloads.js';

export function checkGatewayConfig(objects: readonly K8sObject[], storage: StorageTopology): string[] {
  const problems: string[] = [];
  const bridgesByDc = new Map<string, string[]>();
  for (const workload of workloads(objects)) {
    if (!workload.service) {
      problems.push(`${workload.name}: its command runs no dist/<name>/main.js`);
      continue;
    }
    const env = containerEnv(workload.containers[0]!, objects, workload.namespace);
    const values = new Map([...env].map(([name, source]) => [name, source.value]));
    problems.push(...checkEnvironment(workload.service, values).map((p) => `${workload.name}: ${p}`));

    if (workload.service === 'bridge') {
      const contactPoints = env.get('CASSANDRA_CONTACT_POINTS')?.value ?? '';
      const localDc = env.get('CASSANDRA_LOCAL_DC')?.value;
      const dcs = contactPoints.split(',').map((point) => {
        const match = /^([a-z0-9-]+)(?:\.[a-z0-9.-]+)?:9042$/.exec(point);
        return storage.local.find((dc) => match?.[1] === `${storage.clusterName}-${dc.name}-service`);
      });
      if (dcs.length === 0 || dcs.some((dc) => dc === undefined)) {
        problems.push(
          `${workload.name}: contact points ${contactPoints} are not <cluster>-<dc>-service:9042 of a local datacenter`,
        );
      } else if (dcs.some((dc) => dc?.cassandraName !== localDc)) {
        problems.push(
          `${workload.name}: CASSANDRA_LOCAL_DC=${String(localDc)} is not the datacenter it contacts`,
        );
      } else {
        const dc = dcs[0]!.name;
        bridgesByDc.set(dc, [...(bridgesByDc.get(dc) ?? []), workload.name]);
      }
      for (const [variable, key] of [
        ['CASSANDRA_USERNAME', 'username'],
        ['CASSANDRA_PASSWORD', 'password'],
      ] as const) {
        const from = env.get(variable)?.from;
        if (from !== `secret:${storage.clusterName}-superuser/${key}`) {
          problems.push(
            `${workload.name}: ${variable} comes from ${String(from)}, not Secret ${storage.clusterName}-superuser`,
          );
        }
      }
    } else {
      problems.push(...checkBridgeAddress(objects, workload, env.get('BRIDGE_ADDRESS')?.value));
    }
  }
  for (const dc of storage.local) {
    if ((bridgesByDc.get(dc.name) ?? []).length !== 1) {
      problems.push(
        `datacenter ${dc.name}: ${bridgesByDc.get(dc.name)?.length ?? 0} bridges treat it as local, not 1`,
      );
    }
  }
  return problems;
}

function checkBridgeAddress(
  objects: readonly K8sObject[],
  api: ReturnType<typeof workloads>[number],
  address: string | undefined,
): string[] {
  const [host, port] = (address ?? '').split(':');
  const service = ofKind(objects, 'Service').find(
    (s) => s.metadata.name === host && s.metadata.namespace === api.namespace,
  );
  const bridge = service && selectedWorkload(service, objects);
  if (!service || !bridge || bridge.service !== 'bridge') {
    return [`${api.name}: BRIDGE_ADDRESS=${String(address)} is not a bridge Service`];
  }
  const problems: string[] = [];
  const instance = 'app.kubernetes.io/instance';
  if (bridge.labels[instance] !== api.labels[instance]) {
    problems.push(`${api.name}: uses the bridge of gateway instance ${bridge.labels[instance]}, not its own`);
  }
  const servicePort = field<{ port: number; targetPort?: number | string }[]>(service, 'spec', 'ports')?.find(
    (p) => p.port === Number(port),
  );
  if (
    !servicePort ||
    findContainerPort(bridge, servicePort.targetPort ?? servicePort.port)?.name !== 'grpc'
  ) {
    problems.push(`${api.name}: BRIDGE_ADDRESS=${String(address)} is not the bridge's gRPC port`);
  }
  return problems;
}
