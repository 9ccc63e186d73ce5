// One entry point for every rendered object: built-in kinds go to kubernetes-models, custom
// kinds to their CRD; a kind with neither is an error, never a pass.

import type { K8sObject } from './k8s-object.js';
import { isCoreKind, validateCoreKind } from './validate-core-kind.js';
import { isCustomKind, validateCustomKind } from './validate-custom-kind.js';

export function validateObject(object: K8sObject): string[] {
  if (isCoreKind(object)) return validateCoreKind(object);
  if (isCustomKind(object)) return validateCustomKind(object);
  return [`no schema for ${object.apiVersion} ${object.kind}: cannot validate it`];
}

/** `Kind/name: problem` for every problem of every object. */
export function validateAll(objects: readonly K8sObject[]): string[] {
  return objects.flatMap((object) =>
    validateObject(object).map((problem) => `${object.kind}/${object.metadata.name}: ${problem}`),
  );
}
