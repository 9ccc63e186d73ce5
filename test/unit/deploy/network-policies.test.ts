// NetworkPolicies admit exactly the intended traffic, evaluated on the pods each render would
// run (plus Cassandra, Reaper and the platform's pods): only the APIs reach the bridge's gRPC
// port, only the bridge (and Reaper, and the Job creating the bridge's role) reaches CQL,
// Prometheus reaches every metrics port, API traffic comes only through the KEDA interceptor,
// and across Kubernetes clusters the control plane's operator reaches the Management API.
import { describe, expect, it } from 'vitest';
import {
  cassandraPods,
  jobPod,
  type Pod,
  platformPods,
  reaperPod,
  strangerPod,
  workloadPods,
} from './support/cluster-pods.js';
import { apiServices } from './support/config-schemas.js';
import { field, type K8sObject, ofKind } from './support/k8s-object.js';
import { matchesSelector } from './support/label-selector.js';
import { ingressAllowed } from './support/network-policy.js';
import { setPath } from './support/object-path.js';
import { kustomizations } from './support/paths.js';
import { renderKustomization } from './support/render-kustomization.js';
import { storageTopology } from './support/storage-topology.js';
import { findContainerPort, workloads } from './support/workloads.js';

const namespace = 'stargate';

function scenario(path: string, objects: readonly K8sObject[] = renderKustomization(path)) {
  const storage = storageTopology(path, objects);
  const all = workloads(objects);
  const pods = new Map(workloadPods(all).map((pod) => [pod.name, pod]));
  const policies = ofKind(objects, 'NetworkPolicy');
  return {
    objects,
    policies,
    bridges: all.filter((w) => w.service === 'bridge'),
    apis: all.filter((w) => (apiServices as readonly string[]).includes(w.service)),
    pod: (name: string) => pods.get(name)!,
    cassandra: cassandraPods(storage, namespace),
    reaper: reaperPod(storage, namespace),
    roleJob: ofKind(objects, 'Job').map(jobPod),
    stranger: strangerPod(namespace),
    allowed: (source: Pod, target: Pod, port: number) => ingressAllowed(policies, source, target, port),
  };
}

const instanceOf = (pod: Pod) => pod.labels['app.kubernetes.io/instance'];

describe.each(kustomizations)('network policies of %s', (path) => {
  const s = scenario(path);

  it('each select some pod', () => {
    const pods = [...s.bridges, ...s.apis].map((w) => s.pod(w.name)).concat(s.cassandra);
    for (const policy of s.policies) {
      expect(
        pods.some((p) => matchesSelector(p.labels, field(policy, 'spec', 'podSelector'))),
        policy.metadata.name,
      ).toBe(true);
    }
  });

  it("only the APIs of a bridge's own gateway reach its gRPC port; its HTTP port is public", () => {
    for (const bridge of s.bridges.map((w) => s.pod(w.name))) {
      for (const api of s.apis.map((w) => s.pod(w.name))) {
        expect(s.allowed(api, bridge, 8091), `${api.name} → ${bridge.name}`).toBe(
          instanceOf(api) === instanceOf(bridge),
        );
      }
      for (const other of [s.stranger, s.reaper, platformPods.interceptor, platformPods.prometheus]) {
        expect(s.allowed(other, bridge, 8091), `${other.name} → ${bridge.name}`).toBe(false);
      }
      expect(s.allowed(s.stranger, bridge, 8081)).toBe(true);
    }
  });

  it('only the bridge (and Reaper, and the bridge role Job) reach CQL on the Cassandra pods', () => {
    expect(s.cassandra.length).toBeGreaterThan(0);
    for (const node of s.cassandra) {
      for (const bridge of s.bridges) expect(s.allowed(s.pod(bridge.name), node, 9042)).toBe(true);
      expect(s.allowed(s.reaper, node, 9042)).toBe(true);
      for (const job of s.roleJob) {
        expect(s.allowed(job, node, 9042), job.name).toBe(true);
        expect(s.allowed(job, node, 8080), job.name).toBe(false);
      }
      for (const other of [...s.apis.map((w) => s.pod(w.name)), s.stranger, platformPods.interceptor]) {
        expect(s.allowed(other, node, 9042), `${other.name} → CQL`).toBe(false);
      }
    }
  });

  it('lets the storage tier work: gossip, the operators, Prometheus', () => {
    for (const node of s.cassandra) {
      expect(s.allowed(s.cassandra[0]!, node, 7000)).toBe(true);
      expect(s.allowed(platformPods.operator, node, 8080)).toBe(true);
      expect(s.allowed(platformPods.prometheus, node, 9000)).toBe(true);
      expect(s.allowed(s.stranger, node, 7000)).toBe(false);
      expect(s.allowed(platformPods.prometheus, node, 9042)).toBe(false);
    }
  });

  it('API traffic comes only through the KEDA interceptor', () => {
    for (const route of ofKind(s.objects, 'InterceptorRoute')) {
      const service = ofKind(s.objects, 'Service').find(
        (x) => x.metadata.name === field(route, 'spec', 'target', 'service'),
      )!;
      const api = s.apis.find((w) =>
        matchesSelector(w.labels, { matchLabels: field(service, 'spec', 'selector') }),
      )!;
      const portName = field<string>(route, 'spec', 'target', 'portName');
      const servicePort = field<{ name: string; targetPort: string }[]>(service, 'spec', 'ports')!.find(
        (p) => p.name === portName,
      )!;
      const port = findContainerPort(api, servicePort.targetPort)!.containerPort;
      expect(s.allowed(platformPods.interceptor, s.pod(api.name), port), api.name).toBe(true);
      for (const other of [s.stranger, ...s.bridges.map((w) => s.pod(w.name))]) {
        expect(s.allowed(other, s.pod(api.name), port), `${other.name} → ${api.name}`).toBe(false);
      }
    }
  });

  it('Prometheus reaches every port a ServiceMonitor scrapes', () => {
    for (const monitor of ofKind(s.objects, 'ServiceMonitor')) {
      const endpointPort = field<string>(monitor, 'spec', 'endpoints', 0, 'port');
      const service = ofKind(s.objects, 'Service').find(
        (x) =>
          matchesSelector(x.metadata.labels ?? {}, field(monitor, 'spec', 'selector')) &&
          field<{ name: string }[]>(x, 'spec', 'ports')?.some((p) => p.name === endpointPort),
      )!;
      const target = [...s.bridges, ...s.apis].find((w) =>
        matchesSelector(w.labels, { matchLabels: field(service, 'spec', 'selector') }),
      )!;
      const targetPort = field<{ name: string; targetPort: string }[]>(service, 'spec', 'ports')!.find(
        (p) => p.name === endpointPort,
      )!.targetPort;
      const port = findContainerPort(target, targetPort)!.containerPort;
      expect(s.allowed(platformPods.prometheus, s.pod(target.name), port), monitor.metadata.name).toBe(true);
    }
  });
});

/** A pod of the other Kubernetes cluster, by an address in the pod CIDR the policies name. */
function remotePod(s: ReturnType<typeof scenario>, template: Pod): Pod {
  const cidrs = new Set(
    s.policies
      .flatMap((p) => field<{ from?: { ipBlock?: { cidr: string } }[] }[]>(p, 'spec', 'ingress') ?? [])
      .flatMap((rule) => rule.from ?? [])
      .flatMap((peer) => (peer.ipBlock ? [peer.ipBlock.cidr] : [])),
  );
  expect(cidrs.size).toBe(1);
  const [cidr] = [...cidrs];
  expect(cidr).toMatch(/^\d+\.\d+\.0\.0\/16$/);
  return { ...template, name: `remote ${template.name}`, ip: cidr!.replace('.0.0/16', '.7.9') };
}

describe('across Kubernetes clusters (multi-cluster)', () => {
  it.each(['overlays/multi-cluster', 'overlays/multi-cluster/dc2-cluster'])(
    '%s admits the other cluster’s Cassandra pods for gossip, never CQL',
    (path) => {
      const s = scenario(path);
      const remote = remotePod(s, s.cassandra[0]!);
      expect(s.allowed(remote, s.cassandra[0]!, 7000)).toBe(true);
      expect(s.allowed(remote, s.cassandra[0]!, 7001)).toBe(true);
      expect(s.allowed(remote, s.cassandra[0]!, 9042)).toBe(false);
    },
  );

  // k8ssandra-operator v1.32.5 runs as control plane in one cluster and calls the Management API
  // of every Cassandra pod of every datacenter itself (controllers/k8ssandra/schemas.go
  // checkSchemas → pkg/cassandra/management.go → cass-operator's httphelper, which addresses pods
  // by pod IP): system keyspace replication, schema checks, Reaper's schema. The data-plane
  // operator reconciles only its own cluster's pods.
  it("the data-plane cluster admits the control plane's operator to the Management API", () => {
    const s = scenario('overlays/multi-cluster/dc2-cluster');
    const operator = remotePod(s, platformPods.operator);
    expect(s.allowed(operator, s.cassandra[0]!, 8080)).toBe(true);
    expect(s.allowed(operator, s.cassandra[0]!, 50051)).toBe(false);
    expect(s.allowed(platformPods.operator, s.cassandra[0]!, 8080)).toBe(true);
  });

  it('the control-plane cluster keeps its Management API to its own operator', () => {
    const s = scenario('overlays/multi-cluster');
    expect(s.allowed(remotePod(s, platformPods.operator), s.cassandra[0]!, 8080)).toBe(false);
  });
});

describe('the network-policy checks fail when', () => {
  it('the data-plane cluster opens only gossip to the control plane (the manifests before issue 17)', () => {
    const objects = structuredClone(renderKustomization('overlays/multi-cluster/dc2-cluster')) as K8sObject[];
    const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'cassandra')!;
    const rules = field<{ from?: { ipBlock?: unknown }[]; ports?: { port: number }[] }[]>(
      policy,
      'spec',
      'ingress',
    )!;
    setPath(
      policy,
      'spec.ingress',
      rules.filter((rule) => !(rule.from?.[0]?.ipBlock && rule.ports?.some((p) => p.port === 8080))),
    );
    const s = scenario('overlays/multi-cluster/dc2-cluster', objects);
    expect(s.allowed(remotePod(s, platformPods.operator), s.cassandra[0]!, 8080)).toBe(false);
  });

  it('the Cassandra policy lacks the bridge role Job', () => {
    const objects = structuredClone(renderKustomization('base')) as K8sObject[];
    const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'cassandra')!;
    const rules = field<{ from?: { podSelector?: { matchLabels?: Record<string, string> } }[] }[]>(
      policy,
      'spec',
      'ingress',
    )!;
    setPath(
      policy,
      'spec.ingress',
      rules.filter(
        (rule) =>
          rule.from?.[0]?.podSelector?.matchLabels?.['app.kubernetes.io/name'] !== 'stargate-bridge-role',
      ),
    );
    const s = scenario('base', objects);
    expect(s.allowed(s.roleJob[0]!, s.cassandra[0]!, 9042)).toBe(false);
  });

  it('the interceptor peer picks up the gateway instance label (what a blanket kustomize selector label does)', () => {
    const objects = structuredClone(renderKustomization('base')) as K8sObject[];
    const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'stargate-rest')!;
    setPath(policy, 'spec.ingress.0.from.0.podSelector', {
      matchLabels: { 'app.kubernetes.io/component': 'interceptor', 'app.kubernetes.io/instance': 'dc1' },
    });
    const s = scenario('base', objects);
    expect(s.allowed(platformPods.interceptor, s.pod('stargate-rest'), 8082)).toBe(false);
  });

  it('the Cassandra policy opens CQL to the whole namespace', () => {
    const objects = structuredClone(renderKustomization('base')) as K8sObject[];
    const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'cassandra')!;
    setPath(policy, 'spec.ingress.0.from.0.podSelector', {});
    const s = scenario('base', objects);
    expect(s.allowed(s.pod('stargate-rest'), s.cassandra[0]!, 9042)).toBe(true);
  });
});
