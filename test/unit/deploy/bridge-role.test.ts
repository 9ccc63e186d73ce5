// The bridge runs as its own least-privilege role, never as the superuser: one Job per Cassandra
// cluster creates the role from base/bridge-role/bridge-role.cql with the superuser Secret, which
// nothing else reads, and every bridge logs in with the role's Secret (support/check-bridge-role.ts).
// test/integration/bridge/least-privilege-role.test.ts runs the same Job script and CQL against a
// real Cassandra and a bridge logged in as the role.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBridgeRole, checkBridgeRoleCql } from './support/check-bridge-role.js';
import { checkGatewayConfig } from './support/check-gateway-config.js';
import { checkReferences } from './support/check-references.js';
import { documentedSecrets } from './support/documented-secrets.js';
import { field, type K8sObject, ofKind } from './support/k8s-object.js';
import { setPath } from './support/object-path.js';
import { kustomizations } from './support/paths.js';
import { renderKustomization } from './support/render-kustomization.js';
import { storageTopology } from './support/storage-topology.js';
import { validateAll } from './support/validate-object.js';

describe.each(kustomizations)('the bridge role in %s', (path) => {
  const objects = renderKustomization(path);
  const storage = storageTopology(path, objects);

  it('one Job beside the K8ssandraCluster creates it; only that Job reads the superuser Secret', () => {
    expect(checkBridgeRole(objects, storage)).toEqual([]);
    const jobs = ofKind(objects, 'Job');
    expect(jobs).toHaveLength(path === 'overlays/multi-cluster/dc2-cluster' ? 0 : 1);
    expect(validateAll(jobs)).toEqual([]);
  });

  it('every bridge logs in with the role Secret, which deploy/README.md says how to create', () => {
    expect(checkGatewayConfig(objects, storage)).toEqual([]);
    expect(documentedSecrets(storage.clusterName)).toContain('stargate-bridge-cassandra');
  });
});

describe('bridge-role.cql', () => {
  it('creates a login role without superuser or role-management rights', () => {
    expect(checkBridgeRoleCql()).toEqual([]);
  });

  it('fails the check when it makes the role a superuser, an admin of roles, or a member of one', () => {
    const cql = readFileSync(
      new URL('../../../deploy/k8s/base/bridge-role/bridge-role.cql', import.meta.url),
      'utf8',
    );
    const problems = checkBridgeRoleCql(
      `${cql.replace('SUPERUSER = false', 'SUPERUSER = true')}
GRANT AUTHORIZE ON ALL KEYSPACES TO :bridge_role;
GRANT CREATE ON ALL ROLES TO :bridge_role;
GRANT cassandra TO :bridge_role;
GRANT MODIFY ON TABLE system_auth.roles TO :bridge_role;`,
    ).join('\n');
    expect(problems).toMatch(/makes a superuser/);
    expect(problems).toMatch(/grants role administration: GRANT AUTHORIZE/);
    expect(problems).toMatch(/grants role administration: GRANT CREATE ON ALL ROLES/);
    expect(problems).toMatch(/grants role membership: GRANT cassandra TO/);
    expect(problems).toMatch(/writes a system keyspace/);
    expect(problems).toMatch(/never sets SUPERUSER = false/);
  });
});

function broken(path: string, change: (objects: K8sObject[]) => void): K8sObject[] {
  const objects = structuredClone(renderKustomization(path)) as K8sObject[];
  change(objects);
  return objects;
}
const bridgeEnv = 'spec.template.spec.containers.0.env';

describe('the bridge role check fails when', () => {
  it('the bridge logs in as the superuser (the manifests before issue 17)', () => {
    const objects = broken('base', (o) => {
      const bridge = o.find((x) => x.kind === 'Deployment' && x.metadata.name === 'stargate-bridge')!;
      setPath(bridge, `${bridgeEnv}.0.valueFrom.secretKeyRef.name`, 'cassandra-superuser');
      setPath(bridge, `${bridgeEnv}.1.valueFrom.secretKeyRef.name`, 'cassandra-superuser');
    });
    const storage = storageTopology('base', objects);
    expect(checkBridgeRole(objects, storage)).toEqual([
      'Deployment/stargate-bridge: uses Secret cassandra-superuser',
    ]);
    expect(checkGatewayConfig(objects, storage).join('\n')).toMatch(
      /CASSANDRA_USERNAME comes from secret:cassandra-superuser\/username, not Secret stargate-bridge-cassandra/,
    );
  });

  it('no Job creates the role, or the data-plane cluster runs a second one', () => {
    const none = broken('overlays/prod', (o) =>
      o.splice(
        o.findIndex((x) => x.kind === 'Job'),
        1,
      ),
    );
    expect(checkBridgeRole(none, storageTopology('overlays/prod', none))).toEqual([
      '0 Jobs stargate-bridge-role, not 1',
    ]);
    const job = ofKind(renderKustomization('base'), 'Job');
    const dataPlane = [...renderKustomization('overlays/multi-cluster/dc2-cluster'), ...job];
    expect(
      checkBridgeRole(dataPlane, storageTopology('overlays/multi-cluster/dc2-cluster', dataPlane)),
    ).toContain('1 Jobs stargate-bridge-role, not 0');
  });

  it('the Job logs in with another Secret, targets a remote datacenter, or runs another cqlsh', () => {
    const objects = broken('overlays/multi-cluster', (o) => {
      const job = ofKind(o, 'Job')[0]!;
      const env = field<{ name: string; value?: string; valueFrom?: { secretKeyRef: { name: string } } }[]>(
        job,
        'spec',
        'template',
        'spec',
        'containers',
        0,
        'env',
      )!;
      env.find((e) => e.name === 'CASSANDRA_PASSWORD')!.valueFrom!.secretKeyRef.name = 'admin';
      env.find((e) => e.name === 'CASSANDRA_HOST')!.value = 'cassandra-dc2-service';
      setPath(job, 'spec.template.spec.containers.0.image', 'cassandra:4.1.8');
    });
    const problems = checkBridgeRole(objects, storageTopology('overlays/multi-cluster', objects)).join('\n');
    expect(problems).toMatch(/CASSANDRA_PASSWORD does not come from cassandra-superuser\/password/);
    expect(problems).toMatch(
      /CASSANDRA_HOST cassandra-dc2-service is not Cass Operator's Service of a local datacenter/,
    );
    expect(problems).toMatch(/image cassandra:4.1.8 is not a pinned cassandra:5.0.x/);
  });

  it('the Job mounts CQL that is not bridge-role.cql, or its Secret is not documented', () => {
    const objects = broken('base', (o) => {
      const configMap = o.find(
        (x) => x.kind === 'ConfigMap' && x.metadata.name.startsWith('stargate-bridge-role-cql'),
      )!;
      configMap.data!['bridge-role.cql'] = 'SELECT now() FROM system.local;';
    });
    expect(checkBridgeRole(objects, storageTopology('base', objects))).toEqual([
      'Job/stargate-bridge-role: does not mount base/bridge-role/bridge-role.cql at /cql',
    ]);
    expect(
      checkReferences(
        renderKustomization('base'),
        new Set(['cassandra-superuser', 'stargate-bridge-paging']),
      ).join('\n'),
    ).toMatch(/Secret stargate-bridge-cassandra \(CASSANDRA_USERNAME\) is not documented/);
  });
});
