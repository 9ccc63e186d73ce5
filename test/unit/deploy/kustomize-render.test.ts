// Every kustomization renders offline, into the objects each system needs.
import { describe, expect, it } from 'vitest';
import { ofKind } from './support/k8s-object.js';
import { getPath } from './support/object-path.js';
import { kustomizations } from './support/paths.js';
import { renderKustomization } from './support/render-kustomization.js';

const gateways: Record<string, number> = {
  base: 1,
  'overlays/dev': 1,
  'overlays/prod': 2,
  'overlays/multi-cluster': 1,
  'overlays/multi-cluster/dc2-cluster': 1,
};

describe.each(kustomizations)('kubectl kustomize %s', (path) => {
  const objects = renderKustomization(path);
  const count = gateways[path]!;

  it('renders a gateway per datacenter of the cluster: a bridge and four APIs each', () => {
    expect(ofKind(objects, 'Deployment')).toHaveLength(5 * count);
    expect(ofKind(objects, 'ScaledObject')).toHaveLength(4 * count);
    expect(ofKind(objects, 'InterceptorRoute')).toHaveLength(4 * count);
    expect(ofKind(objects, 'HorizontalPodAutoscaler')).toHaveLength(count);
    expect(ofKind(objects, 'ServiceMonitor')).toHaveLength(5 * count);
    expect(ofKind(objects, 'PodDisruptionBudget')).toHaveLength(5 * count);
  });

  it('renders monitoring and the Cassandra network policy', () => {
    expect(ofKind(objects, 'PrometheusRule')).toHaveLength(1);
    expect(
      ofKind(objects, 'ConfigMap').filter((c) => c.metadata.labels?.grafana_dashboard === '1'),
    ).toHaveLength(1);
    expect(ofKind(objects, 'NetworkPolicy').map((p) => p.metadata.name)).toContain('cassandra');
  });

  it('puts every object in namespace stargate', () => {
    for (const object of objects) {
      if (object.kind === 'Namespace') expect(object.metadata.name).toBe('stargate');
      else expect(object.metadata.namespace, `${object.kind}/${object.metadata.name}`).toBe('stargate');
    }
  });

  it('creates each InterceptorRoute before the ScaledObject that names it', () => {
    // If the ScaledObject comes first, KEDA's scaler finds no route and never scales up.
    const position = (kind: string, name: string) =>
      objects.findIndex((o) => o.kind === kind && o.metadata.name === name);
    for (const so of ofKind(objects, 'ScaledObject')) {
      const route = String(getPath(so, 'spec.triggers.0.metadata.interceptorRoute'));
      expect(position('InterceptorRoute', route)).toBeGreaterThanOrEqual(0);
      expect(position('InterceptorRoute', route)).toBeLessThan(position('ScaledObject', so.metadata.name));
    }
  });
});

describe('which storage tier each render holds', () => {
  it('has the K8ssandraCluster everywhere but in the data-plane-only render', () => {
    for (const path of kustomizations) {
      const expected = path === 'overlays/multi-cluster/dc2-cluster' ? 0 : 1;
      expect(ofKind(renderKustomization(path), 'K8ssandraCluster'), path).toHaveLength(expected);
    }
  });
});
