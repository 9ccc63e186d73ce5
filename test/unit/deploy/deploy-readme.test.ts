// What deploy/README.md states about upstream must match upstream and the checks: the versions
// it names are those of the CRDs the manifests are validated against (fixtures/crds/upstream),
// and the superuser Secret is k8ssandra-operator's (v1.32.5 pkg/secret/replicated.go
// ReconcileSecret: name `<cluster>-superuser`, username the same string, random password), not
// Cass Operator's and not the `cassandra`/`cassandra` login of Compose and the local stack.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, sharedCrdDir } from './support/paths.js';

const readme = readFileSync(join(repoRoot, 'deploy/README.md'), 'utf8').replace(/\s+/g, ' ');
const provenance = readFileSync(join(sharedCrdDir, 'README.md'), 'utf8');

/** How the README names each upstream project whose CRDs we vendor. */
const names: Record<string, string> = {
  'k8ssandra/k8ssandra-operator': 'k8ssandra-operator',
  'k8ssandra/cass-operator': 'cass-operator',
  'kedacore/keda': 'KEDA',
  'kedacore/http-add-on': 'HTTP add-on',
  'prometheus-operator/prometheus-operator': 'prometheus-operator',
};

describe('deploy/README.md', () => {
  const tags = [...provenance.matchAll(/\| ([\w-]+\/[\w-]+) @ (v[\d.]+) \|/g)].map(
    (m) => [m[1]!, m[2]!] as const,
  );

  it('names the version of every upstream project the manifests were checked against', () => {
    expect(new Set(tags.map(([repo]) => repo))).toEqual(new Set(Object.keys(names)));
    for (const [repo, tag] of tags) expect(readme, `${repo} ${tag}`).toContain(`${names[repo]} ${tag}`);
  });

  it('says the superuser Secret comes from k8ssandra-operator, with username cassandra-superuser', () => {
    expect(readme).toMatch(
      /`cassandra-superuser` \(keys `username`, `password`\) is created by k8ssandra-operator/,
    );
    expect(readme).toMatch(/its username is the Secret's name, `cassandra-superuser`/);
    expect(readme).not.toMatch(/superuser[^.]*is created by Cass Operator/i);
    expect(readme).toMatch(/`cassandra`\/`cassandra` login is for the Compose file and the local stack only/);
  });
});
