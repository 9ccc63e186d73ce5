// Client-to-node TLS in every render: the prod overlay turns it on (nodes require TLS and client
// certificates, each bridge verifies them and presents its own); elsewhere no bridge uses TLS.
// Then each rule of check-cassandra-tls.ts is shown to fail on a prod render broken on purpose.
import { describe, expect, it } from 'vitest';
import { checkCassandraTls } from './support/check-cassandra-tls.js';
import { documentedSecrets } from './support/documented-secrets.js';
import type { K8sObject } from './support/k8s-object.js';
import { deletePath, getPath, setPath } from './support/object-path.js';
import { kustomizations } from './support/paths.js';
import { renderKustomization } from './support/render-kustomization.js';
import { storageTopology } from './support/storage-topology.js';

function problems(path: string, objects: K8sObject[] = renderKustomization(path)): string[] {
  const storage = storageTopology(path, objects);
  return checkCassandraTls(objects, storage, documentedSecrets(storage.clusterName));
}

describe.each(kustomizations)('%s', (path) => {
  it('client encryption and the bridges agree', () => {
    expect(problems(path)).toEqual([]);
  });
});

describe('the prod overlay', () => {
  const objects = renderKustomization('overlays/prod');
  const kc = objects.find((o) => o.kind === 'K8ssandraCluster')!;
  const bridgeConfig = (suffix = '') =>
    objects.find(
      (o) =>
        o.kind === 'ConfigMap' &&
        new RegExp(`^stargate-bridge-config${suffix}-[a-z0-9]+$`).test(o.metadata.name),
    )!.data!;

  it('requires TLS and client certificates on every node', () => {
    expect(getPath(kc, 'spec.cassandra.config.cassandraYaml.client_encryption_options')).toEqual({
      enabled: true,
      optional: false,
      require_client_auth: true,
    });
  });

  it('gives each bridge the CA, a client certificate, and its datacenter Service as the name to check', () => {
    for (const [suffix, dc] of [
      ['', 'dc1'],
      ['-dc2', 'dc2'],
    ] as const) {
      expect(bridgeConfig(suffix)).toMatchObject({
        BRIDGE_CASSANDRA_TLS_ENABLED: 'true',
        BRIDGE_CASSANDRA_TLS_CA_FILE: '/etc/stargate/cassandra-tls/ca.crt',
        BRIDGE_CASSANDRA_TLS_CERT_FILE: '/etc/stargate/cassandra-tls/tls.crt',
        BRIDGE_CASSANDRA_TLS_KEY_FILE: '/etc/stargate/cassandra-tls/tls.key',
        BRIDGE_CASSANDRA_TLS_SERVER_NAME: `cassandra-${dc}-service.stargate.svc`,
      });
    }
  });
});

describe('the TLS checks fail when', () => {
  const broken = (change: (objects: K8sObject[]) => void): string[] => {
    const objects = structuredClone(renderKustomization('overlays/prod')) as K8sObject[];
    change(objects);
    return problems('overlays/prod', objects);
  };
  const kc = (objects: K8sObject[]) => objects.find((o) => o.kind === 'K8ssandraCluster')!;
  const bridge = (objects: K8sObject[]) =>
    objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'stargate-bridge')!;
  const dc1Config = (objects: K8sObject[]) =>
    objects.find((o) => o.kind === 'ConfigMap' && /^stargate-bridge-config-[a-z0-9]+$/.test(o.metadata.name))!
      .data!;

  it('the cluster lacks its stores, or Medusa its certificates', () => {
    const found = broken((o) => {
      deletePath(kc(o), 'spec.cassandra.clientEncryptionStores');
      deletePath(kc(o), 'spec.medusa.clientEncryptionStores');
    });
    expect(found).toContain(
      'K8ssandraCluster/cassandra: clientEncryptionStores.keystoreSecretRef names no Secret',
    );
    expect(found).toContain(
      'K8ssandraCluster/cassandra: client encryption is on but Medusa has no client certificates (the operator stops)',
    );
  });

  it('a store Secret is not one deploy/README.md has created', () => {
    expect(
      broken((o) =>
        setPath(kc(o), 'spec.cassandra.clientEncryptionStores.truststoreSecretRef.name', 'nowhere'),
      ),
    ).toEqual([
      'K8ssandraCluster/cassandra: clientEncryptionStores.truststoreSecretRef Secret nowhere is not documented',
    ]);
  });

  it('a bridge stays plaintext, lacks its client certificate, or reads a file no Secret holds', () => {
    expect(broken((o) => delete dc1Config(o).BRIDGE_CASSANDRA_TLS_ENABLED)).toEqual([
      'stargate-bridge: does not use TLS but the nodes require it (client_encryption_options.optional is false)',
    ]);
    expect(broken((o) => delete dc1Config(o).BRIDGE_CASSANDRA_TLS_KEY_FILE)).toEqual([
      'stargate-bridge: BRIDGE_CASSANDRA_TLS_KEY_FILE is not set (the nodes require client certificates)',
    ]);
    expect(
      broken((o) => {
        const mounts = getPath(bridge(o), 'spec.template.spec.containers.0.volumeMounts') as {
          name: string;
          mountPath: string;
        }[];
        mounts.find((m) => m.name === 'cassandra-tls')!.mountPath = '/etc/elsewhere';
      }),
    ).toEqual([
      'stargate-bridge: BRIDGE_CASSANDRA_TLS_CA_FILE=/etc/stargate/cassandra-tls/ca.crt is not in a mounted Secret',
      'stargate-bridge: BRIDGE_CASSANDRA_TLS_CERT_FILE=/etc/stargate/cassandra-tls/tls.crt is not in a mounted Secret',
      'stargate-bridge: BRIDGE_CASSANDRA_TLS_KEY_FILE=/etc/stargate/cassandra-tls/tls.key is not in a mounted Secret',
    ]);
  });

  it('a bridge checks the name of another datacenter, or no name at all', () => {
    expect(
      broken((o) => {
        dc1Config(o).BRIDGE_CASSANDRA_TLS_SERVER_NAME = 'cassandra-dc2-service.stargate.svc';
      }),
    ).toEqual([
      'stargate-bridge: BRIDGE_CASSANDRA_TLS_SERVER_NAME=cassandra-dc2-service.stargate.svc is not the Service it contacts (cassandra-dc1-service)',
    ]);
    expect(
      broken((o) => {
        dc1Config(o).BRIDGE_CASSANDRA_TLS_VERIFY_HOSTNAME = 'false';
      }),
    ).toEqual(['stargate-bridge: turns hostname checks off (BRIDGE_CASSANDRA_TLS_VERIFY_HOSTNAME=false)']);
  });

  it("the role Job's cqlsh would connect in plaintext or without its client certificate", () => {
    const job = (o: K8sObject[]) =>
      o.find((x) => x.kind === 'Job' && x.metadata.name === 'stargate-bridge-role')!;
    const mounts = (o: K8sObject[]) =>
      getPath(job(o), 'spec.template.spec.containers.0.volumeMounts') as {
        name: string;
        mountPath: string;
      }[];
    expect(
      broken((o) => {
        const list = mounts(o);
        list.splice(
          list.findIndex((m) => m.name === 'cqlshrc'),
          1,
        );
      }),
    ).toEqual([
      'Job/stargate-bridge-role: cqlsh has no /tmp/.cassandra/cqlshrc from a ConfigMap, so it connects in plaintext',
    ]);
    expect(
      broken((o) => {
        const rc = o.find(
          (x) => x.kind === 'ConfigMap' && x.metadata.name.startsWith('stargate-bridge-role-cqlshrc'),
        )!;
        rc.data!.cqlshrc = rc.data!.cqlshrc!.replace('ssl = true', 'ssl = false').replace(/^userkey.*$/m, '');
      }),
    ).toEqual([
      'Job/stargate-bridge-role: cqlshrc does not set [connection] ssl = true',
      'Job/stargate-bridge-role: cqlshrc names no [ssl] userkey (the client key)',
    ]);
  });

  it('a bridge uses TLS where the nodes have none', () => {
    const objects = structuredClone(renderKustomization('base')) as K8sObject[];
    const config = objects.find(
      (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('stargate-bridge-config'),
    )!;
    config.data!.BRIDGE_CASSANDRA_TLS_ENABLED = 'true';
    expect(problems('base', objects)).toEqual([
      'stargate-bridge: uses TLS but the nodes have no client encryption (every connection would fail)',
    ]);
  });
});
