// Cross-object checks on every render: selectors, ports against the services' config defaults,
// scaling wiring, references, configuration and pod policy. Each check is then shown to fail on
// a rendered object broken on purpose.
import { describe, expect, it } from 'vitest';
import { allChecks } from './support/all-checks.js';
import { checkGatewayConfig } from './support/check-gateway-config.js';
import { checkPodPolicy } from './support/check-pod-policy.js';
import { checkPorts } from './support/check-ports.js';
import { checkReferences } from './support/check-references.js';
import { checkScaling } from './support/check-scaling.js';
import { checkServiceSelectors } from './support/check-service-selectors.js';
import { documentedSecrets } from './support/documented-secrets.js';
import type { K8sObject } from './support/k8s-object.js';
import { deletePath, setPath } from './support/object-path.js';
import { kustomizations } from './support/paths.js';
import { renderKustomization } from './support/render-kustomization.js';
import { storageTopology } from './support/storage-topology.js';

describe.each(kustomizations)('%s', (path) => {
  const objects = renderKustomization(path);
  const storage = storageTopology(path, objects);
  it('every Service selects the pods of exactly one Deployment', () => {
    expect(checkServiceSelectors(objects)).toEqual([]);
  });
  it('ports agree: probes, Services, ServiceMonitors, InterceptorRoutes, config defaults', () => {
    expect(checkPorts(objects)).toEqual([]);
  });
  it('scaling: APIs by KEDA from zero with their routes, the bridge by HPA from two', () => {
    expect(checkScaling(objects)).toEqual([]);
  });
  it('references resolve and Secrets are documented', () => {
    expect(checkReferences(objects, documentedSecrets(storage.clusterName))).toEqual([]);
  });
  it('configuration: known variables, valid values, bridge per local datacenter', () => {
    expect(checkGatewayConfig(objects, storage)).toEqual([]);
  });
  it('pods: security context, resources, image, command, probes', () => {
    expect(checkPodPolicy(objects)).toEqual([]);
  });
});

/** A copy of the base render with one object changed. */
function broken(change: (objects: K8sObject[]) => void): K8sObject[] {
  const objects = structuredClone(renderKustomization('base')) as K8sObject[];
  change(objects);
  return objects;
}
const named = (objects: K8sObject[], kind: string, name: string): K8sObject => {
  const object = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!object) throw new Error(`no ${kind}/${name}`);
  return object;
};
const configMap = (objects: K8sObject[], prefix: string): Record<string, string> =>
  objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith(prefix))!.data!;
const container = 'spec.template.spec.containers.0';

describe('the cross-checks fail when', () => {
  it('a Service selects two Deployments', () => {
    const objects = broken((o) => {
      setPath(named(o, 'Service', 'stargate-rest'), 'spec.selector', {
        'app.kubernetes.io/component': 'api',
      });
    });
    expect(checkServiceSelectors(objects)).toEqual([
      expect.stringMatching(/stargate-rest selects the pods of 4/),
    ]);
  });

  it('a probe names a port the container lacks', () => {
    const objects = broken((o) => {
      setPath(named(o, 'Deployment', 'stargate-docs'), `${container}.readinessProbe.httpGet.port`, 'admin');
    });
    expect(checkPorts(objects)).toEqual([expect.stringMatching(/stargate-docs: readinessProbe port admin/)]);
  });

  it('a container listens elsewhere than its service default', () => {
    const objects = broken((o) => {
      setPath(named(o, 'Deployment', 'stargate-graphql'), `${container}.ports.0.containerPort`, 8083);
    });
    expect(checkPorts(objects).join('\n')).toMatch(/no container port 8080 \(GRAPHQL_PORT\)/);
  });

  it('a ConfigMap moves a port away from the default', () => {
    const objects = broken((o) => {
      configMap(o, 'stargate-rest-config').REST_PORT = '9082';
    });
    expect(checkPorts(objects)).toEqual([
      expect.stringMatching(/REST_PORT=9082 differs from the default 8082/),
    ]);
  });

  it('a ServiceMonitor scrapes a port no Service has', () => {
    const objects = broken((o) => {
      setPath(named(o, 'ServiceMonitor', 'stargate-grpc'), 'spec.endpoints.0.port', 'http');
    });
    expect(checkPorts(objects)).toEqual([
      expect.stringMatching(/ServiceMonitor\/stargate-grpc: endpoint port http/),
    ]);
  });

  it('an InterceptorRoute targets a missing port, or the gRPC port loses h2c', () => {
    const objects = broken((o) => {
      setPath(named(o, 'InterceptorRoute', 'stargate-grpc'), 'spec.target.portName', 'http');
      deletePath(named(o, 'Service', 'stargate-grpc'), 'spec.ports.0.appProtocol');
    });
    const problems = checkPorts(objects).join('\n');
    expect(problems).toMatch(/InterceptorRoute\/stargate-grpc: target/);
    expect(problems).toMatch(/gRPC port grpc lacks appProtocol kubernetes.io\/h2c/);
  });

  it('a ScaledObject names a missing InterceptorRoute', () => {
    const objects = broken((o) => {
      setPath(
        named(o, 'ScaledObject', 'stargate-rest'),
        'spec.triggers.0.metadata.interceptorRoute',
        'stargate-rst',
      );
    });
    const problems = checkScaling(objects).join('\n');
    expect(problems).toMatch(/ScaledObject\/stargate-rest: its InterceptorRoute stargate-rst does not exist/);
    expect(problems).toMatch(/InterceptorRoute\/stargate-rest: no ScaledObject uses it/);
  });

  it('an API gets an HPA, a replica count, or a minimum above zero', () => {
    const objects = broken((o) => {
      const hpa = structuredClone(named(o, 'HorizontalPodAutoscaler', 'stargate-bridge'));
      hpa.metadata.name = 'stargate-docs';
      setPath(hpa, 'spec.scaleTargetRef.name', 'stargate-docs');
      o.push(hpa);
      setPath(named(o, 'Deployment', 'stargate-rest'), 'spec.replicas', 1);
      setPath(named(o, 'ScaledObject', 'stargate-graphql'), 'spec.minReplicaCount', 1);
    });
    const problems = checkScaling(objects).join('\n');
    expect(problems).toMatch(/stargate-docs: has an HPA beside its ScaledObject/);
    expect(problems).toMatch(/stargate-rest: sets spec.replicas/);
    expect(problems).toMatch(/stargate-graphql: does not scale to zero/);
  });

  it('the bridge could drop below two replicas or lose its HPA', () => {
    const low = broken((o) => {
      setPath(named(o, 'HorizontalPodAutoscaler', 'stargate-bridge'), 'spec.minReplicas', 1);
    });
    expect(checkScaling(low)).toEqual([expect.stringMatching(/minReplicas below 2/)]);
    const none = broken((o) => {
      o.splice(o.indexOf(named(o, 'HorizontalPodAutoscaler', 'stargate-bridge')), 1);
    });
    expect(checkScaling(none)).toEqual([expect.stringMatching(/the bridge has no HPA/)]);
  });

  it('an InterceptorRoute does not list its proxy Service names', () => {
    const objects = broken((o) => {
      setPath(named(o, 'InterceptorRoute', 'stargate-docs'), 'spec.rules.0.hosts', ['docs.example.com']);
    });
    const problems = checkScaling(objects).join('\n');
    expect(problems).toMatch(
      /InterceptorRoute\/stargate-docs: its hosts list the in-cluster names of 0 proxy/,
    );
    expect(problems).toMatch(/Service\/stargate-docs-proxy: listed by 0 InterceptorRoutes/);
  });

  it('a KEDA-scaled API has a minAvailable PodDisruptionBudget', () => {
    const objects = broken((o) => {
      const pdb = named(o, 'PodDisruptionBudget', 'stargate-rest');
      deletePath(pdb, 'spec.maxUnavailable');
      setPath(pdb, 'spec.minAvailable', 1);
    });
    expect(checkScaling(objects)).toEqual([expect.stringMatching(/needs maxUnavailable, not minAvailable/)]);
  });

  it('a Secret is neither the operator one nor documented, or a ConfigMap is missing', () => {
    const objects = broken((o) => {
      const bridge = named(o, 'Deployment', 'stargate-bridge');
      setPath(bridge, `${container}.env.2.valueFrom.secretKeyRef.name`, 'paging-key');
      setPath(bridge, `${container}.envFrom.0.configMapRef.name`, 'stargate-common');
    });
    const problems = checkReferences(objects, documentedSecrets('cassandra')).join('\n');
    expect(problems).toMatch(/Secret paging-key \(BRIDGE_PAGING_STATE_SECRET\) is not documented/);
    expect(problems).toMatch(/ConfigMap stargate-common is not in the render/);
  });

  it('an environment variable is misspelled or has a value its schema refuses', () => {
    const objects = broken((o) => {
      configMap(o, 'stargate-api-config').BRIDGE_DEADLINE = '30000';
      configMap(o, 'stargate-common-config').LOG_LEVEL = 'verbose';
    });
    const problems = checkGatewayConfig(objects, storageTopology('base')).join('\n');
    expect(problems).toMatch(/stargate-rest: BRIDGE_DEADLINE is not a setting of rest/);
    expect(problems).toMatch(
      /stargate-bridge: LOG_LEVEL=verbose: must be equal to one of the allowed values/,
    );
  });

  it('the bridge contacts a datacenter that does not exist, or claims another as local', () => {
    const wrongHost = broken((o) => {
      configMap(o, 'stargate-bridge-config').CASSANDRA_CONTACT_POINTS = 'cassandra-dc9-service:9042';
    });
    expect(checkGatewayConfig(wrongHost, storageTopology('base')).join('\n')).toMatch(
      /contact points cassandra-dc9-service:9042 are not/,
    );
    const wrongDc = broken((o) => {
      configMap(o, 'stargate-bridge-config').CASSANDRA_LOCAL_DC = 'datacenter1';
    });
    expect(checkGatewayConfig(wrongDc, storageTopology('base')).join('\n')).toMatch(
      /CASSANDRA_LOCAL_DC=datacenter1 is not the datacenter it contacts/,
    );
  });

  it('an API points at a Service that is not the bridge, or the bridge password is a literal', () => {
    const objects = broken((o) => {
      configMap(o, 'stargate-api-config').BRIDGE_ADDRESS = 'stargate-bridge-http:8081';
      setPath(named(o, 'Deployment', 'stargate-bridge'), `${container}.env.1`, {
        name: 'CASSANDRA_PASSWORD',
        value: 'cassandra',
      });
    });
    const problems = checkGatewayConfig(objects, storageTopology('base')).join('\n');
    expect(problems).toMatch(
      /stargate-rest: BRIDGE_ADDRESS=stargate-bridge-http:8081 is not the bridge's gRPC port/,
    );
    expect(problems).toMatch(/CASSANDRA_PASSWORD comes from literal, not Secret stargate-bridge-cassandra/);
  });

  it('the token keyspace keeps one replica, or misses or oversizes a datacenter (k8ssandra-operator: min(3, nodes))', () => {
    const simple = broken((o) => {
      configMap(o, 'stargate-bridge-config').BRIDGE_AUTH_KEYSPACE_REPLICATION =
        "{'class': 'SimpleStrategy', 'replication_factor': 1}";
    });
    expect(checkGatewayConfig(simple, storageTopology('base'))).toEqual([
      "stargate-bridge: BRIDGE_AUTH_KEYSPACE_REPLICATION {'class': 'SimpleStrategy', 'replication_factor': 1} is not NetworkTopologyStrategy",
    ]);
    const unset = broken((o) => {
      delete configMap(o, 'stargate-bridge-config').BRIDGE_AUTH_KEYSPACE_REPLICATION;
    });
    expect(checkGatewayConfig(unset, storageTopology('base')).join('\n')).toMatch(
      /BRIDGE_AUTH_KEYSPACE_REPLICATION undefined is not a CQL replication map/,
    );
    // prod: dc1's bridge forgets dc2; dc2's asks five replicas of dc1's three nodes.
    const prod = structuredClone(renderKustomization('overlays/prod')) as K8sObject[];
    const [dc1Config, dc2Config] = prod
      .filter((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('stargate-bridge-config'))
      .sort((a, b) => a.metadata.name.length - b.metadata.name.length);
    dc1Config!.data!.BRIDGE_AUTH_KEYSPACE_REPLICATION = "{'class': 'NetworkTopologyStrategy', 'dc1': 3}";
    dc2Config!.data!.BRIDGE_AUTH_KEYSPACE_REPLICATION =
      "{'class': 'NetworkTopologyStrategy', 'dc1': 5, 'dc2': 3, 'dc3': 3}";
    const problems = checkGatewayConfig(prod, storageTopology('overlays/prod')).join('\n');
    expect(problems).toMatch(/stargate-bridge: .* gives datacenter dc2 no replicas/);
    expect(problems).toMatch(
      /stargate-bridge-dc2: .* gives datacenter dc1 5 replicas, not min\(3, nodes\) = 3/,
    );
    expect(problems).toMatch(/stargate-bridge-dc2: .* names datacenter dc3, which the cluster does not have/);
  });

  it('the bridge or the gRPC API leaves long HTTP/2 connections open forever', () => {
    const objects = broken((o) => {
      delete configMap(o, 'stargate-bridge-config').BRIDGE_MAX_CONNECTION_AGE_MS;
      configMap(o, 'stargate-grpc-config').GRPC_MAX_CONNECTION_AGE_GRACE_MS = '0';
    });
    expect(checkGatewayConfig(objects, storageTopology('base'))).toEqual([
      'stargate-bridge: BRIDGE_MAX_CONNECTION_AGE_MS is not set above 0 in its ConfigMap',
      // A grace of 0 would cut every call in flight at each GOAWAY: the schema refuses it too.
      'stargate-grpc: GRPC_MAX_CONNECTION_AGE_GRACE_MS=0: must be >= 1000',
      'stargate-grpc: GRPC_MAX_CONNECTION_AGE_GRACE_MS is not set above 0 in its ConfigMap',
    ]);
  });

  it('a Deployment has no preStop sleep, or a grace period shorter than preStop + deadline + margin', () => {
    const objects = broken((o) => {
      deletePath(named(o, 'Deployment', 'stargate-rest'), `${container}.lifecycle`);
      setPath(
        named(o, 'Deployment', 'stargate-bridge'),
        'spec.template.spec.terminationGracePeriodSeconds',
        29,
      );
      setPath(named(o, 'Deployment', 'stargate-grpc'), `${container}.lifecycle.preStop`, {
        exec: { command: ['sleep', '5'] },
      });
    });
    expect(checkPodPolicy(objects)).toEqual([
      'stargate-bridge: terminationGracePeriodSeconds 29 is below preStop 5 s + SHUTDOWN_DEADLINE_MS 20000 + 5000 ms margin',
      'stargate-grpc: grpc: no preStop sleep action of 1–15 s',
      'stargate-rest: rest: no preStop sleep action of 1–15 s',
    ]);
    const slow = broken((o) => {
      configMap(o, 'stargate-common-config').SHUTDOWN_DEADLINE_MS = '25000';
    });
    expect(checkPodPolicy(slow)).toHaveLength(5);
  });

  it('a pod runs as root, with a writable root filesystem, an unpinned image or no limits', () => {
    const objects = broken((o) => {
      const rest = named(o, 'Deployment', 'stargate-rest');
      setPath(rest, 'spec.template.spec.securityContext.runAsNonRoot', false);
      setPath(rest, `${container}.securityContext.readOnlyRootFilesystem`, false);
      setPath(rest, `${container}.image`, 'stargate-ts-gateway:latest');
      deletePath(rest, `${container}.resources.limits`);
      setPath(rest, `${container}.readinessProbe.httpGet.path`, '/health/live');
    });
    const problems = checkPodPolicy(objects).join('\n');
    for (const expected of [
      /pod runAsNonRoot is not true/,
      /root filesystem is writable/,
      /is not a pinned stargate-ts-gateway tag/,
      /memory limit not in request–512 MiB/,
      /readiness probe is not GET \/health\/ready/,
    ]) {
      expect(problems).toMatch(expected);
    }
  });

  it('the V8 heap cap reaches the memory limit, or the V8 flags are not the measured ones', () => {
    const objects = broken((o) => {
      configMap(o, 'stargate-api-config').NODE_OPTIONS = '--max-old-space-size=512';
      configMap(o, 'stargate-graphql-config').NODE_OPTIONS = '--max-old-space-size=512';
      configMap(o, 'stargate-bridge-config').NODE_OPTIONS = '--max-old-space-size=512';
    });
    const problems = checkPodPolicy(objects);
    expect(problems.filter((p) => /V8 heap cap .* not below the memory limit/.test(p))).toHaveLength(5);
    expect(problems.filter((p) => /NODE_OPTIONS --max-old-space-size=512 is not/.test(p))).toHaveLength(5);
    expect(problems).toHaveLength(10);
  });

  it('the bridge runs without its fixed young generation (a flag NODE_OPTIONS cannot carry)', () => {
    const objects = broken((o) => {
      setPath(named(o, 'Deployment', 'stargate-bridge'), `${container}.command`, [
        'node',
        'dist/bridge/main.js',
      ]);
    });
    expect(checkPodPolicy(objects)).toEqual(['stargate-bridge: bridge: command node dist/bridge/main.js']);
  });

  it('all checks together pass on an unbroken render', () => {
    expect(allChecks('base', renderKustomization('base'))).toEqual([]);
  });
});
