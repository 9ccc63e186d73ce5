// Scaling is wired as the KEDA HTTP add-on needs it: each API Deployment has a ScaledObject
// (min 0) whose trigger names an InterceptorRoute of the same namespace; each route is reached
// through an ExternalName proxy whose in-cluster names it lists; nothing else (no HPA, no
// `spec.replicas`) fights KEDA for the count. The bridge is never scaled to zero: HPA, min 2.
import { interceptorProxy } from './check-service-selectors.js';
import { apiServices } from './config-schemas.js';
import { field, type K8sObject, nameOf, ofKind } from './k8s-object.js';
import { matchesSelector } from './label-selector.js';
import { workloads } from './workloads.js';

export const httpAddOnScaler = 'keda-add-ons-http-external-scaler.keda:9090';

const sameNamespace = (a: K8sObject, b: K8sObject) => a.metadata.namespace === b.metadata.namespace;

export function checkScaling(objects: readonly K8sObject[]): string[] {
  const problems: string[] = [];
  const scaledObjects = ofKind(objects, 'ScaledObject');
  const routes = ofKind(objects, 'InterceptorRoute');
  const hpas = ofKind(objects, 'HorizontalPodAutoscaler');
  const deployments = ofKind(objects, 'Deployment');

  for (const so of scaledObjects) {
    const target = field<string>(so, 'spec', 'scaleTargetRef', 'name');
    if (!deployments.some((d) => d.metadata.name === target && sameNamespace(d, so))) {
      problems.push(`${nameOf(so)}: scaleTargetRef ${String(target)} is no Deployment`);
    }
    const triggers =
      field<{ type: string; metadata?: Record<string, string> }[]>(so, 'spec', 'triggers') ?? [];
    const trigger = triggers.find((t) => t.type === 'external-push');
    if (!trigger || trigger.metadata?.scalerAddress !== httpAddOnScaler) {
      problems.push(`${nameOf(so)}: no external-push trigger on ${httpAddOnScaler}`);
    }
    const routeName = trigger?.metadata?.interceptorRoute;
    if (!routes.some((r) => r.metadata.name === routeName && sameNamespace(r, so))) {
      problems.push(`${nameOf(so)}: its InterceptorRoute ${String(routeName)} does not exist`);
    }
  }

  for (const route of routes) {
    const used = scaledObjects.some(
      (so) =>
        sameNamespace(so, route) &&
        field<{ metadata?: Record<string, string> }[]>(so, 'spec', 'triggers')?.some(
          (t) => t.metadata?.interceptorRoute === route.metadata.name,
        ),
    );
    if (!used) problems.push(`${nameOf(route)}: no ScaledObject uses it, so its target never scales`);
    const hosts = field<{ hosts?: string[] }[]>(route, 'spec', 'rules')?.flatMap((r) => r.hosts ?? []) ?? [];
    const proxies = ofKind(objects, 'Service').filter(
      (s) => field(s, 'spec', 'externalName') === interceptorProxy && sameNamespace(s, route),
    );
    const reached = proxies.filter((proxy) => inClusterNames(proxy).every((name) => hosts.includes(name)));
    if (reached.length !== 1) {
      problems.push(
        `${nameOf(route)}: its hosts list the in-cluster names of ${reached.length} proxy Services, not 1`,
      );
    }
  }

  for (const proxy of ofKind(objects, 'Service').filter((s) => field(s, 'spec', 'type') === 'ExternalName')) {
    const listed = routes.filter((r) =>
      field<{ hosts?: string[] }[]>(r, 'spec', 'rules')?.some((rule) =>
        rule.hosts?.includes(inClusterNames(proxy)[1]!),
      ),
    );
    if (listed.length !== 1) {
      problems.push(`${nameOf(proxy)}: listed by ${listed.length} InterceptorRoutes, not 1`);
    }
  }

  for (const workload of workloads(objects)) {
    const deployment = workload.deployment;
    const so = scaledObjects.find(
      (s) => field(s, 'spec', 'scaleTargetRef', 'name') === workload.name && sameNamespace(s, deployment),
    );
    const hpa = hpas.find(
      (h) => field(h, 'spec', 'scaleTargetRef', 'name') === workload.name && sameNamespace(h, deployment),
    );
    if (field(deployment, 'spec', 'replicas') !== undefined) {
      problems.push(`${workload.name}: sets spec.replicas, which its autoscaler owns`);
    }
    if ((apiServices as readonly string[]).includes(workload.service)) {
      if (!so) problems.push(`${workload.name}: an API without a ScaledObject`);
      else if (field(so, 'spec', 'minReplicaCount') !== 0) {
        problems.push(`${workload.name}: does not scale to zero`);
      }
      if (hpa) problems.push(`${workload.name}: has an HPA beside its ScaledObject (KEDA makes its own)`);
    } else if (workload.service === 'bridge') {
      if (so) problems.push(`${workload.name}: the bridge must not be scaled by KEDA (never to zero)`);
      if (!hpa) problems.push(`${workload.name}: the bridge has no HPA`);
      else {
        if ((field<number>(hpa, 'spec', 'minReplicas') ?? 1) < 2) {
          problems.push(`${nameOf(hpa)}: minReplicas below 2`);
        }
        const metrics = field<{ resource?: { name: string } }[]>(hpa, 'spec', 'metrics') ?? [];
        if (!metrics.some((m) => m.resource?.name === 'cpu')) {
          problems.push(`${nameOf(hpa)}: does not scale on CPU`);
        }
      }
    }
    const pdbs = ofKind(objects, 'PodDisruptionBudget').filter(
      (p) => sameNamespace(p, deployment) && matchesSelector(workload.labels, field(p, 'spec', 'selector')),
    );
    if (pdbs.length !== 1) {
      problems.push(`${workload.name}: covered by ${pdbs.length} PodDisruptionBudgets, not 1`);
    }
    // At one replica (after scale-from-zero) a minAvailable of 1 would block every node drain.
    if (so && pdbs.some((p) => field(p, 'spec', 'minAvailable') !== undefined)) {
      problems.push(`${workload.name}: a KEDA-scaled Deployment needs maxUnavailable, not minAvailable`);
    }
  }
  return problems;
}

/** The names a client inside the cluster may use for a Service, as the interceptor sees them. */
export function inClusterNames(service: K8sObject): string[] {
  const { name, namespace = 'default' } = service.metadata;
  return [name, `${name}.${namespace}`, `${name}.${namespace}.svc`, `${name}.${namespace}.svc.cluster.local`];
}
