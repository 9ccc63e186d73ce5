// Every name one object uses for another resolves: ConfigMaps, HPA targets, PDB and
// ServiceMonitor selectors, and Secrets, which we never ship: each must be created by an
// operator (k8ssandra-operator's `<cluster>-superuser`) or by hand as deploy/README.md says.
import { configMapData } from './container-env.js';
import { field, type K8sObject, nameOf, ofKind } from './k8s-object.js';
import { matchesSelector } from './label-selector.js';
import { type Container, workloads } from './workloads.js';

export function checkReferences(
  objects: readonly K8sObject[],
  externalSecrets: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  const exists = (kind: string, name: string | undefined, namespace: string | undefined) =>
    objects.some((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace);

  for (const object of objects) {
    if (object.kind === 'Secret') problems.push(`${nameOf(object)}: Secrets are referenced, never shipped`);
  }
  // Deployments and Jobs: the pods of either read ConfigMaps and Secrets.
  const podOwners = [
    ...workloads(objects).map((w) => ({ owner: w.deployment, name: w.name, namespace: w.namespace })),
    ...ofKind(objects, 'Job').map((job) => ({
      owner: job,
      name: job.metadata.name,
      namespace: job.metadata.namespace ?? 'default',
    })),
  ];
  for (const workload of podOwners) {
    const podSpec = field<Record<string, unknown>>(workload.owner, 'spec', 'template', 'spec') ?? {};
    for (const container of (podSpec.containers as Container[] | undefined) ?? []) {
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef && !exists('ConfigMap', source.configMapRef.name, workload.namespace)) {
          problems.push(`${workload.name}: ConfigMap ${source.configMapRef.name} is not in the render`);
        }
        if (source.secretRef && !externalSecrets.has(source.secretRef.name)) {
          problems.push(`${workload.name}: Secret ${source.secretRef.name} is not documented`);
        }
      }
      for (const entry of container.env ?? []) {
        const secret = entry.valueFrom?.secretKeyRef;
        if (secret && !externalSecrets.has(secret.name)) {
          problems.push(`${workload.name}: Secret ${secret.name} (${entry.name}) is not documented`);
        }
        const configMap = entry.valueFrom?.configMapKeyRef;
        if (configMap && !exists('ConfigMap', configMap.name, workload.namespace)) {
          problems.push(`${workload.name}: ConfigMap ${configMap.name} (${entry.name}) is not in the render`);
        } else if (
          configMap &&
          !configMap.optional &&
          configMapData(objects, configMap.name, workload.namespace)?.[configMap.key] === undefined
        ) {
          // The kubelet refuses to start the container (CreateContainerConfigError).
          problems.push(
            `${workload.name}: ConfigMap ${configMap.name} has no key ${configMap.key} (${entry.name}), and it is not optional`,
          );
        }
      }
    }
    for (const volume of (podSpec.volumes as {
      configMap?: { name: string };
      secret?: { secretName: string };
    }[]) ?? []) {
      if (volume.configMap && !exists('ConfigMap', volume.configMap.name, workload.namespace)) {
        problems.push(`${workload.name}: volume ConfigMap ${volume.configMap.name} is not in the render`);
      }
      if (volume.secret && !externalSecrets.has(volume.secret.secretName)) {
        problems.push(`${workload.name}: volume Secret ${volume.secret.secretName} is not documented`);
      }
    }
  }
  for (const hpa of ofKind(objects, 'HorizontalPodAutoscaler')) {
    if (!exists('Deployment', field(hpa, 'spec', 'scaleTargetRef', 'name'), hpa.metadata.namespace)) {
      problems.push(`${nameOf(hpa)}: its target Deployment is not in the render`);
    }
  }
  for (const pdb of ofKind(objects, 'PodDisruptionBudget')) {
    const covered = workloads(objects).filter(
      (w) =>
        w.namespace === pdb.metadata.namespace && matchesSelector(w.labels, field(pdb, 'spec', 'selector')),
    );
    if (covered.length !== 1) {
      problems.push(`${nameOf(pdb)}: selects the pods of ${covered.length} Deployments`);
    }
  }
  return problems;
}
