// Every rendered object validates: core kinds against kubernetes-models plus kubectl's
// unknown-field rule, custom kinds strictly against their CRD (with its CEL rules), and a kind
// with no schema at all is an error. The second half proves each of those can fail.
import { describe, expect, it } from 'vitest';
import type { K8sObject } from './support/k8s-object.js';
import { kustomizations } from './support/paths.js';
import { renderKustomization } from './support/render-kustomization.js';
import { validateAll, validateObject } from './support/validate-object.js';

describe.each(kustomizations)('objects of %s', (path) => {
  it('all validate', () => {
    expect(validateAll(renderKustomization(path))).toEqual([]);
  });
});

function rendered(kind: string): K8sObject {
  const object = renderKustomization('base').find((o) => o.kind === kind);
  if (!object) throw new Error(`no ${kind} in base`);
  return structuredClone(object);
}

describe('the validators reject', () => {
  it('a kind with no schema', () => {
    const problems = validateObject({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
    });
    expect(problems).toEqual([expect.stringContaining('no schema for example.com/v1 Widget')]);
  });

  it('a Stargate v2 chart style HPA (v2beta1 field in autoscaling/v2)', () => {
    const hpa = rendered('HorizontalPodAutoscaler') as K8sObject & { spec: { metrics: unknown[] } };
    hpa.spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', targetAverageUtilization: 70 } }];
    expect(validateObject(hpa).join('\n')).toMatch(/target/);
  });

  it('a misspelled field of a core kind', () => {
    const deployment = rendered('Deployment') as K8sObject & {
      spec: { template: { spec: { containers: { securityContext: Record<string, unknown> }[] } } };
    };
    deployment.spec.template.spec.containers[0]!.securityContext.readOnlyRootFileSystem = true;
    expect(validateObject(deployment)).toEqual([
      'unknown field spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem',
    ]);
  });

  it('a wrong type in a core kind', () => {
    const service = rendered('Service') as K8sObject & { spec: { ports: { port: unknown }[] } };
    service.spec.ports[0]!.port = 'eighty';
    expect(validateObject(service)).not.toEqual([]);
  });

  it('an unknown field of a custom kind', () => {
    const monitor = rendered('ServiceMonitor') as K8sObject & {
      spec: { endpoints: Record<string, unknown>[] };
    };
    monitor.spec.endpoints[0]!.scrapeInterval = '30s';
    expect(validateObject(monitor)).toEqual(['/spec/endpoints/0: unknown field scrapeInterval']);
  });

  it('a K8ssandraCluster with a two-part version or a string storageSecretRef', () => {
    const cluster = rendered('K8ssandraCluster') as K8sObject & {
      spec: { cassandra: { serverVersion: string }; medusa: { storageProperties: Record<string, unknown> } };
    };
    cluster.spec.cassandra.serverVersion = '5.0';
    cluster.spec.medusa.storageProperties.storageSecretRef = 'medusa-bucket-key';
    const problems = validateObject(cluster).join('\n');
    expect(problems).toMatch(/serverVersion: must match pattern/);
    expect(problems).toMatch(/storageSecretRef: must be object/);
  });

  it('an InterceptorRoute target with both port and portName (CEL rule)', () => {
    const route = rendered('InterceptorRoute') as K8sObject & { spec: { target: Record<string, unknown> } };
    route.spec.target.port = 8082;
    expect(validateObject(route)).toEqual(["/spec/target: exactly one of 'port' or 'portName' must be set"]);
  });

  it('an InterceptorRoute scaling metric with neither concurrency nor requestRate (CEL rule)', () => {
    const route = rendered('InterceptorRoute') as K8sObject & { spec: { scalingMetric: unknown } };
    route.spec.scalingMetric = {};
    expect(validateObject(route).join('\n')).toMatch(/at least one of 'concurrency' or 'requestRate'/);
  });

  it('an InterceptorRoute cold start with neither fallback nor placeholder (CEL rule)', () => {
    const route = rendered('InterceptorRoute') as K8sObject & { spec: Record<string, unknown> };
    route.spec.coldStart = {};
    expect(validateObject(route).join('\n')).toMatch(/at least one of 'fallback' or 'placeholder'/);
  });

  it('a ScaledObject whose minimum exceeds its maximum (CEL rule)', () => {
    const so = rendered('ScaledObject') as K8sObject & { spec: Record<string, unknown> };
    so.spec.minReplicaCount = 11;
    expect(validateObject(so)).toEqual([
      '/spec: minReplicaCount must be less than or equal to maxReplicaCount',
    ]);
    delete so.spec.maxReplicaCount;
    so.spec.minReplicaCount = 101;
    expect(validateObject(so)).not.toEqual([]);
  });

  it('duplicate items in a list-type set and in a list-type map', () => {
    const route = rendered('InterceptorRoute') as K8sObject & { spec: { rules: { hosts: string[] }[] } };
    route.spec.rules[0]!.hosts.push(route.spec.rules[0]!.hosts[0]!);
    expect(validateObject(route).join('\n')).toMatch(/duplicate items/);
    const rule = rendered('PrometheusRule') as K8sObject & { spec: { groups: unknown[] } };
    rule.spec.groups.push(rule.spec.groups[0]);
    expect(validateObject(rule).join('\n')).toMatch(/two items share name/);
  });

  it('a PrometheusRule duration that is not a Prometheus duration', () => {
    const rule = rendered('PrometheusRule') as K8sObject & {
      spec: { groups: { rules: Record<string, unknown>[] }[] };
    };
    rule.spec.groups[0]!.rules[0]!.for = '10 minutes';
    expect(validateObject(rule).join('\n')).toMatch(/for: must match pattern/);
  });

  it('bad metadata on a custom kind', () => {
    const so = rendered('ScaledObject');
    (so.metadata as Record<string, unknown>).labels = { tier: 3 };
    expect(validateObject(so).join('\n')).toMatch(/^metadata:/);
  });
});

describe('the validators accept', () => {
  it("CassandraDatacenter spec.config as an object (the installed CRD drops the file's `type: string`)", () => {
    const datacenter = {
      apiVersion: 'cassandra.datastax.com/v1beta1',
      kind: 'CassandraDatacenter',
      metadata: { name: 'dc1' },
      spec: {
        clusterName: 'cassandra',
        serverType: 'cassandra',
        serverVersion: '5.0.4',
        size: 3,
        storageConfig: { cassandraDataVolumeClaimSpec: { accessModes: ['ReadWriteOnce'] } },
        config: { 'cassandra-yaml': { num_tokens: 16 }, 'jvm-server-options': { max_heap_size: '4G' } },
      },
    };
    expect(validateObject(datacenter)).toEqual([]);
  });

  it('int-or-string fields as either', () => {
    const policy = renderKustomization('base').find((o) => o.kind === 'PodDisruptionBudget')!;
    const asString = structuredClone(policy) as K8sObject & { spec: Record<string, unknown> };
    asString.spec.maxUnavailable = '50%';
    expect(validateObject(asString)).toEqual([]);
  });
});
