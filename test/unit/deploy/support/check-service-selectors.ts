// Every Service selects the pods of exactly one Deployment; the ExternalName Services, which
// select nothing, alias the KEDA interceptor.
import { field, type K8sObject, nameOf, ofKind } from './k8s-object.js';
import { matchesServiceSelector } from './label-selector.js';
import { workloads } from './workloads.js';

export const interceptorProxy = 'keda-add-ons-http-interceptor-proxy.keda.svc.cluster.local';

export function checkServiceSelectors(objects: readonly K8sObject[]): string[] {
  const pods = workloads(objects);
  const problems: string[] = [];
  for (const service of ofKind(objects, 'Service')) {
    const selector = field<Record<string, string>>(service, 'spec', 'selector');
    if (field(service, 'spec', 'type') === 'ExternalName') {
      if (selector) problems.push(`${nameOf(service)}: an ExternalName Service must not select pods`);
      if (field(service, 'spec', 'externalName') !== interceptorProxy) {
        problems.push(`${nameOf(service)}: ExternalName is not the KEDA interceptor (${interceptorProxy})`);
      }
      continue;
    }
    const selected = pods.filter(
      (w) => w.namespace === service.metadata.namespace && matchesServiceSelector(w.labels, selector ?? {}),
    );
    if (selected.length !== 1) {
      problems.push(
        `${nameOf(service)} selects the pods of ${selected.length} Deployments (${selected.map((w) => w.name).join(', ') || 'none'})`,
      );
    }
  }
  return problems;
}

/** The one Deployment a (non-ExternalName) Service selects, if exactly one. */
export function selectedWorkload(service: K8sObject, objects: readonly K8sObject[]) {
  const selector = field<Record<string, string>>(service, 'spec', 'selector') ?? {};
  const selected = workloads(objects).filter(
    (w) => w.namespace === service.metadata.namespace && matchesServiceSelector(w.labels, selector),
  );
  return selected.length === 1 ? selected[0] : undefined;
}
