// Client-to-node encryption, which no render can prove on a cluster: what k8ssandra-operator
// v1.32 needs before it reconciles it, and what each bridge needs to connect.
// - The operator mounts `clientEncryptionStores` into every Cassandra pod and fills in the store
//   paths and passwords of client_encryption_options (pkg/cassandra/encryption.go,
//   HandleEncryptionOptions); without a keystore it stops with "keystore secret ref was not set".
// - With client encryption enabled it refuses to reconcile Medusa until Medusa has client
//   certificates: "medusa encryption certificates were not provided despite client encryption
//   being enabled" (controllers/k8ssandra/medusa_reconciler.go), via medusa.clientEncryptionStores
//   or the deprecated medusa.certificatesSecretRef.
// - A node with `optional: false` refuses plaintext CQL, so every bridge must use TLS, with the CA
//   file (and the client certificate, under require_client_auth) in a mounted Secret; a bridge
//   with TLS in front of a node without it fails on every connection.
// - Nodes share the cluster-wide keystore, so a bridge checks it against the name of its own
//   datacenter's Service (deploy/README.md, "TLS").
// - A Job running cqlsh (the bridge's role) needs TLS too: cqlsh reads $HOME/.cassandra/cqlshrc,
//   `[connection] ssl = true` and `[ssl] certfile`, `usercert`, `userkey`
//   (pylib/cqlshlib/sslhandling.py); its environment offers only SSL_CERTFILE and SSL_VALIDATE.
import { containerEnv } from './container-env.js';
import { field, type K8sObject } from './k8s-object.js';
import type { StorageTopology } from './storage-topology.js';
import { workloads } from './workloads.js';

interface StoreRef {
  name?: string;
  key?: string;
}

export function checkCassandraTls(
  objects: readonly K8sObject[],
  storage: StorageTopology,
  documentedSecrets: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  const kc = storage.k8ssandraCluster;
  const options = field<Record<string, unknown>>(
    kc,
    'spec',
    'cassandra',
    'config',
    'cassandraYaml',
    'client_encryption_options',
  );
  const enabled = options?.enabled === true;
  const tlsOnly = enabled && options?.optional !== true;
  const clientAuth = enabled && options?.require_client_auth === true;
  const name = `K8ssandraCluster/${kc.metadata.name}`;
  const documented = (ref: StoreRef | undefined, what: string): void => {
    if (!ref?.name) problems.push(`${name}: ${what} names no Secret`);
    else if (!documentedSecrets.has(ref.name))
      problems.push(`${name}: ${what} Secret ${ref.name} is not documented`);
  };

  if (enabled) {
    const stores = field<Record<string, StoreRef>>(kc, 'spec', 'cassandra', 'clientEncryptionStores');
    documented(stores?.keystoreSecretRef, 'clientEncryptionStores.keystoreSecretRef');
    documented(stores?.truststoreSecretRef, 'clientEncryptionStores.truststoreSecretRef');
    const medusa = field<Record<string, unknown>>(kc, 'spec', 'medusa');
    if (medusa) {
      const medusaStores = medusa.clientEncryptionStores as Record<string, StoreRef> | undefined;
      const legacy = field<string>(medusa, 'certificatesSecretRef', 'name');
      if (legacy) documented({ name: legacy }, 'medusa.certificatesSecretRef');
      else if (!medusaStores) {
        problems.push(
          `${name}: client encryption is on but Medusa has no client certificates (the operator stops)`,
        );
      } else {
        documented(medusaStores.keystoreSecretRef, 'medusa CA (clientEncryptionStores.keystoreSecretRef)');
        documented(
          medusaStores.truststoreSecretRef,
          'medusa certificate (clientEncryptionStores.truststoreSecretRef)',
        );
        documented(
          medusaStores.truststorePasswordSecretRef,
          'medusa key (clientEncryptionStores.truststorePasswordSecretRef)',
        );
      }
    }
  }

  for (const workload of workloads(objects).filter((w) => w.service === 'bridge')) {
    const container = workload.containers[0]!;
    const env = containerEnv(container, objects, workload.namespace);
    const value = (variable: string) => env.get(variable)?.value ?? '';
    const say = (message: string) => problems.push(`${workload.name}: ${message}`);
    const bridgeTls = value('BRIDGE_CASSANDRA_TLS_ENABLED') === 'true';
    if (!enabled) {
      if (bridgeTls) say('uses TLS but the nodes have no client encryption (every connection would fail)');
      continue;
    }
    if (!bridgeTls) {
      if (tlsOnly)
        say('does not use TLS but the nodes require it (client_encryption_options.optional is false)');
      continue;
    }
    const required = ['BRIDGE_CASSANDRA_TLS_CA_FILE'];
    if (clientAuth) required.push('BRIDGE_CASSANDRA_TLS_CERT_FILE', 'BRIDGE_CASSANDRA_TLS_KEY_FILE');
    const volumes =
      field<{ name: string; secret?: { secretName: string } }[]>(
        workload.deployment,
        'spec',
        'template',
        'spec',
        'volumes',
      ) ?? [];
    const mounts = (container.volumeMounts as { name: string; mountPath: string }[] | undefined) ?? [];
    for (const variable of required) {
      const path = value(variable);
      if (!path) {
        say(
          `${variable} is not set${variable === required[0] ? '' : ' (the nodes require client certificates)'}`,
        );
        continue;
      }
      const mount = mounts.find((m) => path.startsWith(`${m.mountPath.replace(/\/$/, '')}/`));
      const secret = volumes.find((v) => v.name === mount?.name)?.secret?.secretName;
      if (!secret) say(`${variable}=${path} is not in a mounted Secret`);
    }
    const serverName = value('BRIDGE_CASSANDRA_TLS_SERVER_NAME');
    const contactHost = value('CASSANDRA_CONTACT_POINTS').split(',')[0]?.split(':')[0] ?? '';
    if (serverName && serverName.split('.')[0] !== contactHost.split('.')[0]) {
      say(`BRIDGE_CASSANDRA_TLS_SERVER_NAME=${serverName} is not the Service it contacts (${contactHost})`);
    }
    if (value('BRIDGE_CASSANDRA_TLS_VERIFY_HOSTNAME') === 'false') {
      say('turns hostname checks off (BRIDGE_CASSANDRA_TLS_VERIFY_HOSTNAME=false)');
    }
  }
  if (tlsOnly) problems.push(...checkCqlshJobs(objects, clientAuth));
  return problems;
}

interface PodContainer {
  name: string;
  command?: string[];
  env?: { name: string; value?: string }[];
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodVolume {
  name: string;
  secret?: { secretName: string };
  configMap?: { name: string };
}

function checkCqlshJobs(objects: readonly K8sObject[], clientAuth: boolean): string[] {
  const problems: string[] = [];
  for (const job of objects.filter((o) => o.kind === 'Job')) {
    const pod = field<{ containers?: PodContainer[]; volumes?: PodVolume[] }>(
      job,
      'spec',
      'template',
      'spec',
    );
    for (const container of pod?.containers ?? []) {
      if (!(container.command ?? []).join(' ').includes('cqlsh')) continue;
      const say = (message: string) => problems.push(`Job/${job.metadata.name}: ${message}`);
      const home = container.env?.find((e) => e.name === 'HOME')?.value ?? '/root';
      const volumeAt = (path: string): PodVolume | undefined => {
        const mount = (container.volumeMounts ?? [])
          .filter((m) => path === m.mountPath || path.startsWith(`${m.mountPath.replace(/\/$/, '')}/`))
          .sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
        return pod?.volumes?.find((v) => v.name === mount?.name);
      };
      const rcMap = volumeAt(`${home}/.cassandra/cqlshrc`)?.configMap?.name;
      const rc = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === rcMap)?.data?.cqlshrc;
      if (!rc) {
        say(`cqlsh has no ${home}/.cassandra/cqlshrc from a ConfigMap, so it connects in plaintext`);
        continue;
      }
      const ini = parseIni(rc);
      if (ini.get('connection.ssl')?.toLowerCase() !== 'true')
        say('cqlshrc does not set [connection] ssl = true');
      const files = [['certfile', 'the CA']];
      if (clientAuth) files.push(['usercert', 'the client certificate'], ['userkey', 'the client key']);
      for (const [key, what] of files) {
        const path = ini.get(`ssl.${key}`);
        if (!path) say(`cqlshrc names no [ssl] ${key} (${what})`);
        else if (!volumeAt(path)?.secret) say(`cqlshrc [ssl] ${key}=${path} is not in a mounted Secret`);
      }
    }
  }
  return problems;
}

/** `section.key` → value of an ini file (cqlshrc). */
function parseIni(text: string): Map<string, string> {
  const values = new Map<string, string>();
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) section = header[1]!;
    else {
      const [key, ...rest] = line.split('=');
      values.set(`${section}.${key!.trim()}`, rest.join('=').trim());
    }
  }
  return values;
}
