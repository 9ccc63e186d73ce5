// Where the deploy checks find their inputs. The CRD schemas are vendored, unmodified, under
// test/unit/deploy/fixtures/crds/upstream (copied from the team's shared/k8s-crds; provenance in its
// README), so the checks run on any clone.
import { fileURLToPath } from 'node:url';

const repoUrl = new URL('../../../../', import.meta.url);

export const repoRoot = fileURLToPath(repoUrl);
export const k8sDir = fileURLToPath(new URL('deploy/k8s/', repoUrl));
export const configSchemaDir = fileURLToPath(new URL('schemas/config/', repoUrl));
export const sharedCrdDir = fileURLToPath(new URL('../fixtures/crds/upstream/', import.meta.url));

/** CRDs we need that shared/k8s-crds lacks; each is an upstream file, see its README. */
export const fixtureCrdDir = fileURLToPath(new URL('../fixtures/crds/', import.meta.url));

/** Every kustomization we ship, by the path an operator passes to `kubectl kustomize`. */
export const kustomizations = [
  'base',
  'overlays/dev',
  'overlays/prod',
  'overlays/multi-cluster',
  'overlays/multi-cluster/dc2-cluster',
] as const;

export type KustomizationPath = (typeof kustomizations)[number];
