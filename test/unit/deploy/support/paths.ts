// Where the deploy checks find their inputs. The CRD schemas live beside the repository
// (../shared/k8s-crds from the repo root), as on every machine these tests run on.
import { fileURLToPath } from 'node:url';

const repoUrl = new URL('../../../../', import.meta.url);

export const repoRoot = fileURLToPath(repoUrl);
export const k8sDir = fileURLToPath(new URL('deploy/k8s/', repoUrl));
export const configSchemaDir = fileURLToPath(new URL('schemas/config/', repoUrl));
export const sharedCrdDir = fileURLToPath(new URL('../shared/k8s-crds/', repoUrl));
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
