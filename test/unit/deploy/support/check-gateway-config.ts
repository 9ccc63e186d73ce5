// The gateway's configuration: every variable a container gets is one its service reads, with a
// value its schema accepts; each API's BRIDGE_ADDRESS names the bridge of its own gateway
// instance; each bridge talks to a datacenter of this cluster through Cass Operator's Service,
// treats that datacenter as local, logs in with its own role's Secret (never the superuser's:
// check-bridge-role.ts), and replicates the token keyspace to every datacenter
// (cql-replication.ts); the servers clients keep long HTTP/2 connections to close them by age.
import { selectedWorkload } from './check-service-selectors.js';
import { checkEnvironment } from './config-schemas.js';
import { containerEnv } from './container-env.js';
import { checkReplication } from './cql-replication.js';
import { field, type K8sObject, ofKind } from './k8s-object.js';
import type { StorageTopology } from './storage-topology.js';
import { findContainerPort, workloads } from './workloads.js';

/** The Secret (keys username, password) of the bridge's own Cassandra role (check-bridge-role.ts). */
export const bridgeRoleSecret = 'stargate-bridge-cassandra';

/**
 * Servers whose clients keep one long-lived HTTP/2 connection, and the variables that close it by
 * age. The APIs hold one per bridge address (grpc-js), so bridge replicas the HPA adds get no
 * traffic from running APIs until connections are re-made. The KEDA HTTP add-on's interceptor
 * (v0.15.0) forwards gRPC to the API's ClusterIP Service name through one Go HTTP/2 transport
 * (interceptor/middleware/routing.go, handler/upstream.go, pkg/http/transport.go), which
 * multiplexes every call on one connection per interceptor replica, and kube-proxy balances
 * connections, not calls. A maximum connection age (GOAWAY) is what makes both re-connect.
 */
const connectionAge: Record<string, string> = {
  bridge: 'BRIDGE_MAX_CONNECTION_AGE',
  grpc: 'GRPC_MAX_CONNECTION_AGE',
};

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
        if (from !== `secret:${bridgeRoleSecret}/${key}`) {
          problems.push(
            `${workload.name}: ${variable} comes from ${String(from)}, not Secret ${bridgeRoleSecret}`,
          );
        }
      }
      // The keyspace is created once for the whole cluster, by whichever bridge logs in first.
      problems.push(
        ...checkReplication(env.get('BRIDGE_AUTH_KEYSPACE_REPLICATION')?.value, storage.all).map(
          (p) => `${workload.name}: BRIDGE_AUTH_KEYSPACE_REPLICATION ${p}`,
        ),
      );
    } else {
      problems.push(...checkBridgeAddress(objects, workload, env.get('BRIDGE_ADDRESS')?.value));
    }
    const age = connectionAge[workload.service];
    if (age) {
      for (const variable of [`${age}_MS`, `${age}_GRACE_MS`]) {
        const value = env.get(variable);
        if (value?.from.startsWith('configmap:') !== true || !(Number(value.value) > 0)) {
          problems.push(`${workload.name}: ${variable} is not set above 0 in its ConfigMap`);
        }
      }
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
