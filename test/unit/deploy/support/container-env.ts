// The environment a container gets: ConfigMaps from envFrom (looked up among the rendered
// objects), then `env` entries (literal, or a ConfigMap's key; an optional key that is absent sets
// nothing). Values from Secrets are unknown offline: kept as undefined.
import type { K8sObject } from './k8s-object.js';
import type { Container } from './workloads.js';

export interface EnvSource {
  value: string | undefined;
  /** `secret:<name>/<key>` or `configmap:<name>` or `configmap:<name>/<key>` or `literal`. */
  from: string;
}

export function containerEnv(
  container: Container,
  objects: readonly K8sObject[],
  namespace: string,
): Map<string, EnvSource> {
  const env = new Map<string, EnvSource>();
  for (const source of container.envFrom ?? []) {
    const name = source.configMapRef?.name;
    if (!name) continue;
    for (const [key, value] of Object.entries(configMapData(objects, name, namespace) ?? {}))
      env.set(key, { value, from: `configmap:${name}` });
  }
  for (const entry of container.env ?? []) {
    const secret = entry.valueFrom?.secretKeyRef;
    const configMapKey = entry.valueFrom?.configMapKeyRef;
    if (secret) env.set(entry.name, { value: undefined, from: `secret:${secret.name}/${secret.key}` });
    else if (configMapKey) {
      const value = configMapData(objects, configMapKey.name, namespace)?.[configMapKey.key];
      if (value !== undefined) {
        env.set(entry.name, { value, from: `configmap:${configMapKey.name}/${configMapKey.key}` });
      }
    } else env.set(entry.name, { value: entry.value, from: 'literal' });
  }
  return env;
}

export function configMapData(
  objects: readonly K8sObject[],
  name: string,
  namespace: string,
): Record<string, string> | undefined {
  const configMap = objects.find(
    (o) =>
      o.kind === 'ConfigMap' && o.metadata.name === name && (o.metadata.namespace ?? namespace) === namespace,
  );
  return configMap ? (configMap.data ?? {}) : undefined;
}
