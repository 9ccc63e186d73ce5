// Secrets the manifests may reference: the one k8ssandra-operator creates for the cluster, and those
// deploy/README.md tells the operator to create (`kubectl ... create secret generic <name>`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

export function documentedSecrets(clusterName: string): Set<string> {
  const readme = readFileSync(join(repoRoot, 'deploy/README.md'), 'utf8');
  const created = [...readme.matchAll(/create secret generic ([a-z0-9-]+)/g)].map((m) => m[1]!);
  return new Set([`${clusterName}-superuser`, ...created]);
}
