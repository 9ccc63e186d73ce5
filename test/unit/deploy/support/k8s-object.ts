// The loose shape every rendered manifest has, and safe accessors for nested fields.
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  [key: string]: unknown;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Reads a nested field by path; undefined when any step is missing. */
export function field<T = unknown>(value: unknown, ...path: (string | number)[]): T | undefined {
  let current: unknown = value;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current as T | undefined;
}

export function nameOf(object: K8sObject): string {
  return `${object.kind}/${object.metadata.name}`;
}

export function ofKind(objects: readonly K8sObject[], kind: string): K8sObject[] {
  return objects.filter((object) => object.kind === kind);
}
