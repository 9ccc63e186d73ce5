// What every pod of ours must look like: non-root, read-only root filesystem with a writable
// /tmp, no capabilities, RuntimeDefault seccomp; requests and limits sized for a small Node
// service, run with the measured V8 flags; a pinned image run by `node [flags] dist/<name>/main.js`;
// liveness on /health/live and readiness on /health/ready (the gRPC API: the gRPC probe); a preStop
// sleep and a grace period that covers it and the shutdown deadline.
import { productionCommand, productionNodeOptions } from '../../../../tools/build/node-options.js';
import { containerEnv } from './container-env.js';
import { field, type K8sObject } from './k8s-object.js';
import { type Container, workloads } from './workloads.js';

const mebibytes = (quantity: string | undefined): number => {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity ?? '');
  if (!match) return Number.NaN;
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
};

export function checkPodPolicy(objects: readonly K8sObject[]): string[] {
  const problems: string[] = [];
  for (const workload of workloads(objects)) {
    const say = (message: string) => problems.push(`${workload.name}: ${message}`);
    const pod = field<Record<string, unknown>>(workload.deployment, 'spec', 'template', 'spec') ?? {};
    if (field(pod, 'securityContext', 'runAsNonRoot') !== true) say('pod runAsNonRoot is not true');
    if (!((field<number>(pod, 'securityContext', 'runAsUser') ?? 0) > 0)) {
      say('pod runAsUser is not a non-root UID');
    }
    if (field(pod, 'securityContext', 'seccompProfile', 'type') !== 'RuntimeDefault') {
      say('seccomp is not RuntimeDefault');
    }
    if (pod.automountServiceAccountToken !== false) say('mounts a service account token it does not need');
    const volumes = (pod.volumes as { name: string; emptyDir?: object }[] | undefined) ?? [];

    for (const container of workload.containers) {
      const security = (container.securityContext ?? {}) as Record<string, unknown>;
      if (security.allowPrivilegeEscalation !== false) {
        say(`${container.name}: allowPrivilegeEscalation is not false`);
      }
      if (security.readOnlyRootFilesystem !== true) say(`${container.name}: root filesystem is writable`);
      if (security.privileged === true) say(`${container.name}: privileged`);
      if (!field<string[]>(security, 'capabilities', 'drop')?.includes('ALL')) {
        say(`${container.name}: keeps capabilities`);
      }
      const mounts = (container.volumeMounts as { name: string; mountPath: string }[] | undefined) ?? [];
      const tmp = mounts.find((m) => m.mountPath === '/tmp');
      if (!tmp || !volumes.find((v) => v.name === tmp.name)?.emptyDir) {
        say(`${container.name}: no emptyDir at /tmp`);
      }

      const requestMemory = mebibytes(field(container, 'resources', 'requests', 'memory'));
      const limitMemory = mebibytes(field(container, 'resources', 'limits', 'memory'));
      if (!field(container, 'resources', 'requests', 'cpu')) say(`${container.name}: no CPU request`);
      // Sized from measured peak RSS (131–186 MiB under `npm run bench`): a small fraction of
      // Stargate's 2 GiB, with room for that peak.
      if (!(requestMemory >= 32 && requestMemory <= 256)) {
        say(`${container.name}: memory request not in 32–256 MiB`);
      }

      if (!(limitMemory >= requestMemory && limitMemory <= 512)) {
        say(`${container.name}: memory limit not in request–512 MiB`);
      }
      const nodeOptions =
        containerEnv(container, objects, workload.namespace).get('NODE_OPTIONS')?.value ?? '';
      const heap = Number(/--max-old-space-size=(\d+)/.exec(nodeOptions)?.[1]);
      if (!(heap > 0 && heap < limitMemory)) {
        say(`${container.name}: V8 heap cap (${nodeOptions}) not below the memory limit`);
      }
      // The flags RSS and CPU were measured with (bench/README.md), in one place.
      const measured = productionNodeOptions(container.name);
      if (nodeOptions !== measured) say(`${container.name}: NODE_OPTIONS ${nodeOptions} is not ${measured}`);

      if (
        !/(^|\/)stargate-ts-gateway:[\w.-]+$/.test(container.image) ||
        container.image.endsWith(':latest')
      ) {
        say(`${container.name}: image ${container.image} is not a pinned stargate-ts-gateway tag`);
      }
      // With the flags NODE_OPTIONS cannot carry (the bridge's young generation), from the same place.
      const command = container.command?.join(' ');
      if (command !== productionCommand(workload.service).join(' ')) {
        say(`${container.name}: command ${command}`);
      }

      const liveness = field<string>(container, 'livenessProbe', 'httpGet', 'path');
      if (liveness !== '/health/live') say(`${container.name}: liveness probe is not GET /health/live`);
      const readinessPath = field<string>(container, 'readinessProbe', 'httpGet', 'path');
      const readinessGrpc = field<number>(container, 'readinessProbe', 'grpc', 'port');
      if (workload.service === 'grpc' ? readinessGrpc !== 8090 : readinessPath !== '/health/ready') {
        say(
          `${container.name}: readiness probe is not ${workload.service === 'grpc' ? 'gRPC on 8090' : 'GET /health/ready'}`,
        );
      }
      problems.push(...checkShutdown(workload.name, container, pod, objects, workload.namespace));
    }
  }
  return problems;
}

/** Margin between the end of SHUTDOWN_DEADLINE_MS and the kubelet's SIGKILL. */
export const shutdownMarginMs = 5000;

/**
 * How Kubernetes stops a pod (Pod Lifecycle, "Termination of Pods"): the pod is marked terminating
 * and, at the same time, taken out of its Services' EndpointSlices and sent its preStop hook; SIGTERM
 * follows the hook; SIGKILL comes when terminationGracePeriodSeconds, counted from the start and
 * including the hook, runs out. kube-proxy, the KEDA interceptor and DNS notice the endpoint removal
 * only after a moment, so without a preStop delay requests still arrive at a process that has
 * stopped accepting them. The delay is Kubernetes' `sleep` action (KEP-3960: beta and on by default
 * from 1.30, GA in 1.34), which needs no sleep binary in the image; then the process has
 * SHUTDOWN_DEADLINE_MS to finish, and the grace period must cover the sum plus a margin.
 */
export function checkShutdown(
  name: string,
  container: Container,
  pod: Record<string, unknown>,
  objects: readonly K8sObject[],
  namespace: string,
): string[] {
  const problems: string[] = [];
  const preStop = field<number>(container, 'lifecycle', 'preStop', 'sleep', 'seconds');
  if (!(preStop !== undefined && preStop >= 1 && preStop <= 15)) {
    problems.push(`${name}: ${container.name}: no preStop sleep action of 1–15 s`);
  }
  const deadline = Number(
    containerEnv(container, objects, namespace).get('SHUTDOWN_DEADLINE_MS')?.value ?? 10000,
  );
  const grace = Number(pod.terminationGracePeriodSeconds ?? 30) * 1000;
  const needed = (preStop ?? 0) * 1000 + deadline + shutdownMarginMs;
  if (!(grace >= needed)) {
    problems.push(
      `${name}: terminationGracePeriodSeconds ${grace / 1000} is below preStop ${preStop ?? 0} s + SHUTDOWN_DEADLINE_MS ${deadline} + ${shutdownMarginMs} ms margin`,
    );
  }
  return problems;
}
