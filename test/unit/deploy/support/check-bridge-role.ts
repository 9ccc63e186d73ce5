// The bridge's least-privilege Cassandra role. Only the Job stargate-bridge-role logs in as the
// superuser: k8ssandra-operator (v1.32.5 controllers/k8ssandra/secrets.go, pkg/secret/replicated.go
// ReconcileSecret) creates the Secret `<cluster>-superuser` with username `<cluster>-superuser` and
// a random password, and replicates it to every Kubernetes cluster of the K8ssandraCluster. The
// Job runs base/bridge-role/bridge-role.cql with cqlsh against Cass Operator's Service of a local
// datacenter, filling in the role of the Secret stargate-bridge-cassandra, which every bridge uses
// (check-gateway-config.ts). Roles live in system_auth, replicated to every datacenter, so one Job
// per Cassandra cluster, beside the K8ssandraCluster; a data-plane-only render has none.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bridgeRoleSecret } from './check-gateway-config.js';
import { containerEnv } from './container-env.js';
import { field, type K8sObject, nameOf, ofKind } from './k8s-object.js';
import { k8sDir } from './paths.js';
import type { StorageTopology } from './storage-topology.js';
import type { Container } from './workloads.js';

export const bridgeRoleJob = 'stargate-bridge-role';
export const bridgeRoleCqlFile = join(k8sDir, 'base/bridge-role/bridge-role.cql');

export function checkBridgeRole(objects: readonly K8sObject[], storage: StorageTopology): string[] {
  const problems: string[] = [];
  const superuser = `${storage.clusterName}-superuser`;
  const holdsCluster = ofKind(objects, 'K8ssandraCluster').length > 0;
  const jobs = ofKind(objects, 'Job').filter((job) => job.metadata.name === bridgeRoleJob);
  if (jobs.length !== (holdsCluster ? 1 : 0)) {
    problems.push(`${jobs.length} Jobs ${bridgeRoleJob}, not ${holdsCluster ? 1 : 0}`);
  }

  // The superuser's credentials reach no pod but the Job's.
  for (const object of objects) {
    if (object.kind === 'Job' && object.metadata.name === bridgeRoleJob) continue;
    if (secretNames(object).has(superuser)) problems.push(`${nameOf(object)}: uses Secret ${superuser}`);
  }

  for (const job of jobs) {
    const say = (message: string) => problems.push(`${nameOf(job)}: ${message}`);
    const pod = field<Record<string, unknown>>(job, 'spec', 'template', 'spec') ?? {};
    const [container, ...others] = (pod.containers as Container[] | undefined) ?? [];
    if (!container || others.length > 0) {
      say('has not exactly one container');
      continue;
    }
    const env = containerEnv(container, objects, job.metadata.namespace ?? 'default');
    for (const [variable, from] of [
      ['CASSANDRA_USERNAME', `secret:${superuser}/username`],
      ['CASSANDRA_PASSWORD', `secret:${superuser}/password`],
      ['BRIDGE_USERNAME', `secret:${bridgeRoleSecret}/username`],
      ['BRIDGE_PASSWORD', `secret:${bridgeRoleSecret}/password`],
    ] as const) {
      if (env.get(variable)?.from !== from) say(`${variable} does not come from ${from.slice(7)}`);
    }
    const host = env.get('CASSANDRA_HOST')?.value ?? '';
    const dc = storage.local.find((d) => host.split('.')[0] === `${storage.clusterName}-${d.name}-service`);
    if (!dc) say(`CASSANDRA_HOST ${host} is not Cass Operator's Service of a local datacenter`);

    // cqlsh of the Cassandra release the cluster runs: the Apache image of that major.minor.
    const version = String(field(storage.k8ssandraCluster, 'spec', 'cassandra', 'serverVersion'));
    const image = /^cassandra:(\d+\.\d+)\.\d+$/.exec(container.image)?.[1];
    if (image !== version.split('.').slice(0, 2).join('.')) {
      say(`image ${container.image} is not a pinned cassandra:${version.split('.').slice(0, 2).join('.')}.x`);
    }
    if (!(container.command ?? []).join(' ').includes('/cql/bridge-role.cql')) {
      say('its command does not run /cql/bridge-role.cql');
    }
    const mount = (container.volumeMounts as { name: string; mountPath: string }[] | undefined)?.find(
      (m) => m.mountPath === '/cql',
    );
    const volume = (pod.volumes as { name: string; configMap?: { name: string } }[] | undefined)?.find(
      (v) => v.name === mount?.name,
    );
    const configMap = objects.find(
      (o) => o.kind === 'ConfigMap' && o.metadata.name === volume?.configMap?.name,
    );
    if (configMap?.data?.['bridge-role.cql'] !== readFileSync(bridgeRoleCqlFile, 'utf8')) {
      say('does not mount base/bridge-role/bridge-role.cql at /cql');
    }

    // A one-off Job still runs with the gateway's pod policy, and ends.
    if (field(pod, 'securityContext', 'runAsNonRoot') !== true) say('pod runAsNonRoot is not true');
    if (field(pod, 'securityContext', 'seccompProfile', 'type') !== 'RuntimeDefault') {
      say('seccomp is not RuntimeDefault');
    }
    if (pod.automountServiceAccountToken !== false) say('mounts a service account token it does not need');
    const security = (container.securityContext ?? {}) as Record<string, unknown>;
    if (security.readOnlyRootFilesystem !== true) say('root filesystem is writable');
    if (security.allowPrivilegeEscalation !== false) say('allowPrivilegeEscalation is not false');
    if (!field<string[]>(security, 'capabilities', 'drop')?.includes('ALL')) say('keeps capabilities');
    if (!field(container, 'resources', 'limits', 'memory')) say('no memory limit');
    if (!(Number(field(job, 'spec', 'activeDeadlineSeconds')) > 0)) say('no activeDeadlineSeconds');
  }
  return problems;
}

/** Problems with the role's CQL itself: it must never make the bridge a superuser or a role admin. */
export function checkBridgeRoleCql(cql: string = readFileSync(bridgeRoleCqlFile, 'utf8')): string[] {
  const statements = cql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(';')
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const problems: string[] = [];
  for (const statement of statements) {
    if (/SUPERUSER\s*=\s*true/i.test(statement)) problems.push(`makes a superuser: ${statement}`);
    if (
      /\bGRANT\s+(ALL|AUTHORIZE|DESCRIBE)\b/i.test(statement) ||
      /\bON\s+(ALL\s+)?ROLES?\b/i.test(statement)
    ) {
      problems.push(`grants role administration: ${statement}`);
    }
    // GRANT <role> TO <role> (no ON): membership, which would pass the other role's rights on.
    if (/^GRANT\b/i.test(statement) && !/\bON\b/i.test(statement)) {
      problems.push(`grants role membership: ${statement}`);
    }
    if (/\b(system_auth|system)\b/.test(statement) && /\bMODIFY\b/i.test(statement)) {
      problems.push(`writes a system keyspace: ${statement}`);
    }
  }
  if (!statements.some((s) => /^ALTER ROLE :bridge_role WITH .*SUPERUSER = false/i.test(s))) {
    problems.push('never sets SUPERUSER = false on the role');
  }
  return problems;
}

/** Every Secret an object's pods read: env and envFrom references and secret volumes. */
function secretNames(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) secretNames(item, found);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if ((key === 'secretKeyRef' || key === 'secretRef') && typeof field(child, 'name') === 'string') {
        found.add(field<string>(child, 'name')!);
      } else if (key === 'secret' && typeof field(child, 'secretName') === 'string') {
        found.add(field<string>(child, 'secretName')!);
      }
      secretNames(child, found);
    }
  }
  return found;
}
