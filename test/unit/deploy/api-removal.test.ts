// Each API can be left out: with its line removed from the gateway kustomization (in a copy of
// deploy/k8s in a temporary directory), every kustomization still renders, every remaining
// object validates and every cross-check still passes, for the other three APIs.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allChecks } from './support/all-checks.js';
import { apiServices } from './support/config-schemas.js';
import { ofKind } from './support/k8s-object.js';
import { k8sDir, kustomizations } from './support/paths.js';
import { renderDirectory } from './support/render-kustomization.js';
import { validateAll } from './support/validate-object.js';

const scratch = mkdtempSync(join(tmpdir(), 'stargate-k8s-without-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of deploy/k8s whose gateway lacks one API. */
function treeWithout(api: string): string {
  const root = join(scratch, api);
  cpSync(k8sDir, root, { recursive: true });
  const file = join(root, 'base/gateway/kustomization.yaml');
  const text = readFileSync(file, 'utf8');
  const line = `  - apis/${api}\n`;
  if (!text.includes(line)) throw new Error(`${file} does not list apis/${api}`);
  writeFileSync(file, text.replace(line, ''));
  return root;
}

describe.each(apiServices)('without the %s API', (api) => {
  const root = treeWithout(api);
  const others = apiServices.filter((name) => name !== api);

  it.each(kustomizations)('%s renders, validates and passes every cross-check', (path) => {
    const objects = renderDirectory(join(root, path), root);
    expect(objects.filter((o) => o.metadata.name.startsWith(`stargate-${api}`))).toEqual([]);
    const deployments = ofKind(objects, 'Deployment').map((d) => d.metadata.name.replace(/-dc2$/, ''));
    for (const other of others) expect(deployments).toContain(`stargate-${other}`);
    expect(validateAll(objects)).toEqual([]);
    expect(allChecks(path, objects)).toEqual([]);
  });
});
