// What every pod of ours must look like: non-root, read-only root filesystem with a writable
// /tmp, no capabilities, RuntimeDefault seccomp; requests and limits sized for a small Node
// service, run with the measured V8 flags; a pinned image run by `node dist/<name>/main.js`; liveness on
// /health/live and readiness on /health/ready (the gRPC API: the gRPC probe).
import { productionNodeOptions } from '../../../../tools/build/node-options.js';
import { containerEnv } from './container-env.js';
import { field, type K8sObject } from './k8s-object.js';
import { workloads } from './workloads.js';

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
      const command = container.command?.join(' ');
      if (command !== `node dist/${workload.service}/main.js`) {
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
      const deadline = Number(
        containerEnv(container, objects, workload.namespace).get('SHUTDOWN_DEADLINE_MS')?.value ?? 10000,
      );
      const grace = Number(pod.terminationGracePeriodSeconds ?? 30) * 1000;
      if (!(deadline < grace)) {
        say(`SHUTDOWN_DEADLINE_MS ${deadline} is not below the ${grace} ms grace period`);
      }
    }
  }
  return problems;
}
