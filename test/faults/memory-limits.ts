// The memory each gateway process is allowed where it ships: the container limit of its Deployment
// in deploy/k8s/base (read from the manifests, so the fault suite checks the figure that is deployed).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../../tools/cassandra-local/index.js';

const MANIFESTS: Record<string, string> = {
  bridge: 'deploy/k8s/base/gateway/bridge/deployment.yaml',
  rest: 'deploy/k8s/base/gateway/apis/rest/deployment.yaml',
  docs: 'deploy/k8s/base/gateway/apis/docs/deployment.yaml',
  graphql: 'deploy/k8s/base/gateway/apis/graphql/deployment.yaml',
  grpc: 'deploy/k8s/base/gateway/apis/grpc/deployment.yaml',
};

const UNITS: Record<string, number> = { Ki: 1 / 1024, Mi: 1, Gi: 1024 };

/** "384Mi" → 384 (MiB). */
export function quantityMiB(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`unsupported memory quantity "${quantity}" (expected Ki, Mi or Gi)`);
  return Number(match[1]) * UNITS[match[2]!]!;
}

interface Deployment {
  kind?: string;
  spec?: { template?: { spec?: { containers?: Array<{ resources?: { limits?: { memory?: string } } }> } } };
}

/** The memory limit (MiB) of a service's first container, per its base Deployment. */
export function memoryLimitMiB(service: string): number {
  const manifest = MANIFESTS[service];
  if (!manifest) throw new Error(`no Deployment known for ${service}`);
  const docs = parseAllDocuments(readFileSync(join(repoRoot, manifest), 'utf8')).map(
    (d) => d.toJS() as Deployment,
  );
  const memory = docs.find((d) => d.kind === 'Deployment')?.spec?.template?.spec?.containers?.[0]?.resources
    ?.limits?.memory;
  if (!memory) throw new Error(`${manifest} sets no memory limit`);
  return quantityMiB(memory);
}
