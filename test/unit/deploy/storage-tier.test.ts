// The storage tier each render asks k8ssandra-operator for: Cassandra 5.0.x without Stargate,
// the datacenters the overlay promises (in prod: one rack per zone), Reaper, Medusa with a
// documented bucket Secret, and Prometheus telemetry.
import { describe, expect, it } from 'vitest';
import { checkRacks } from './support/check-racks.js';
import { documentedSecrets } from './support/documented-secrets.js';
import { field } from './support/k8s-object.js';
import { renderKustomization } from './support/render-kustomization.js';
import { storageTopology } from './support/storage-topology.js';

/** zones: how many zones each datacenter's racks must be pinned to (0: Cass Operator's one rack). */
const expected: Record<
  string,
  { dcs: Record<string, number>; contexts: Record<string, string>; medusa: boolean; zones: number }
> = {
  base: { dcs: { dc1: 3 }, contexts: {}, medusa: true, zones: 0 },
  'overlays/dev': { dcs: { dc1: 1 }, contexts: {}, medusa: false, zones: 0 },
  'overlays/prod': { dcs: { dc1: 3, dc2: 3 }, contexts: {}, medusa: true, zones: 3 },
  'overlays/multi-cluster': {
    dcs: { dc1: 3, dc2: 3 },
    contexts: { dc2: 'cluster-2' },
    medusa: true,
    zones: 0,
  },
};

const gibibytes = (quantity: string): number => {
  const match = /^(\d+)(M|G|Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`unexpected quantity ${quantity}`);
  return Number(match[1]) / (match[2]!.startsWith('M') ? 1024 : 1);
};

describe.each(Object.keys(expected))('K8ssandraCluster of %s', (path) => {
  const want = expected[path]!;
  const storage = storageTopology(path, renderKustomization(path));
  const cluster = storage.k8ssandraCluster;
  const cassandra = field<Record<string, unknown>>(cluster, 'spec', 'cassandra')!;

  it('runs Cassandra 5.0.x with authentication, and no Stargate anywhere', () => {
    expect(cassandra.serverVersion).toMatch(/^5\.0\.\d+$/);
    expect(field(cluster, 'spec', 'auth')).not.toBe(false);
    // The deprecated Stargate block may appear at cluster or datacenter level.
    expect(JSON.stringify(cluster.spec)).not.toMatch(/"stargate":/);
  });

  it('has the datacenters, sizes and Kubernetes contexts of the overlay', () => {
    expect(Object.fromEntries(storage.all.map((dc) => [dc.name, dc.size]))).toEqual(want.dcs);
    expect(
      Object.fromEntries(storage.all.filter((dc) => dc.k8sContext).map((dc) => [dc.name, dc.k8sContext])),
    ).toEqual(want.contexts);
    for (const dc of storage.all) expect(dc.name).toMatch(/^[a-z]([-a-z0-9]*[a-z0-9])?$/);
  });

  it(`spreads each datacenter over ${want.zones || 'no pinned'} zones, racks splitting nodes evenly`, () => {
    for (const dc of storage.all) expect(checkRacks(storage.clusterName, dc, want.zones)).toEqual([]);
  });

  it('sets storage, heap below the memory limit, and Prometheus telemetry', () => {
    expect(
      field(cassandra, 'storageConfig', 'cassandraDataVolumeClaimSpec', 'storageClassName'),
    ).toBeTruthy();
    expect(
      field(cassandra, 'storageConfig', 'cassandraDataVolumeClaimSpec', 'resources', 'requests', 'storage'),
    ).toBeTruthy();
    const heap = gibibytes(field<string>(cassandra, 'config', 'jvmOptions', 'heap_max_size')!);
    expect(field(cassandra, 'config', 'jvmOptions', 'heap_initial_size')).toBe(
      field(cassandra, 'config', 'jvmOptions', 'heap_max_size'),
    );
    expect(heap).toBeLessThanOrEqual(
      gibibytes(field<string>(cassandra, 'resources', 'limits', 'memory')!) / 2,
    );
    expect(field(cassandra, 'telemetry', 'prometheus', 'enabled')).toBe(true);
  });

  it('runs Reaper, and Medusa where the overlay keeps backups, with a documented bucket Secret', () => {
    expect(field(cluster, 'spec', 'reaper')).toBeTruthy();
    const medusa = field<Record<string, unknown>>(cluster, 'spec', 'medusa');
    expect(medusa !== undefined).toBe(want.medusa);
    if (medusa) {
      expect(field(medusa, 'storageProperties', 'bucketName')).toBeTruthy();
      const secret = field<string>(medusa, 'storageProperties', 'storageSecretRef', 'name')!;
      expect(documentedSecrets(storage.clusterName)).toContain(secret);
    }
  });
});

describe('the data-plane-only render (multi-cluster dc2-cluster)', () => {
  it('hosts exactly the datacenters the control plane places in another Kubernetes cluster', () => {
    expect(storageTopology('overlays/multi-cluster/dc2-cluster').local.map((dc) => dc.name)).toEqual(['dc2']);
    expect(storageTopology('overlays/multi-cluster').local.map((dc) => dc.name)).toEqual(['dc1']);
  });
});

describe('the rack check fails when', () => {
  const prod = storageTopology('overlays/prod');
  const dc1 = prod.all.find((dc) => dc.name === 'dc1')!;

  it('a production datacenter keeps the single default rack (what the prod overlay had)', () => {
    const single = { ...dc1, racks: [{ name: 'default' }] };
    expect(checkRacks(prod.clusterName, single, 3)).toEqual([
      'datacenter dc1: a rack is not pinned to a topology.kubernetes.io/zone',
      'datacenter dc1: 1 racks, not one in each of 3 zones',
    ]);
  });

  it('two racks share a zone, nodes do not split evenly, or a StatefulSet name is too long', () => {
    const racks = [...dc1.racks.slice(0, 2), { name: 'x'.repeat(50), zone: dc1.racks[0]!.zone }];
    const problems = checkRacks(prod.clusterName, { ...dc1, size: 4, racks }, 3).join('\n');
    expect(problems).toMatch(/StatefulSet name over 60 characters/);
    expect(problems).toMatch(/4 nodes do not split evenly over 3 racks/);
    expect(problems).toMatch(/two racks share a zone/);
  });
});
