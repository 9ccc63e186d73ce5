// Every cross-object check on one render, as one list of problems.
import { checkBackups } from './check-backups.js';
import { checkBridgeRole } from './check-bridge-role.js';
import { checkGatewayConfig } from './check-gateway-config.js';
import { checkPodPolicy } from './check-pod-policy.js';
import { checkPorts } from './check-ports.js';
import { checkReferences } from './check-references.js';
import { checkScaling } from './check-scaling.js';
import { checkServiceSelectors } from './check-service-selectors.js';
import { documentedSecrets } from './documented-secrets.js';
import type { K8sObject } from './k8s-object.js';
import { storageTopology } from './storage-topology.js';

export function allChecks(path: string, objects: readonly K8sObject[]): string[] {
  const storage = storageTopology(path, objects);
  return [
    ...checkServiceSelectors(objects),
    ...checkPorts(objects),
    ...checkScaling(objects),
    ...checkReferences(objects, documentedSecrets(storage.clusterName)),
    ...checkGatewayConfig(objects, storage),
    ...checkPodPolicy(objects),
    ...checkBridgeRole(objects, storage),
    ...checkBackups(objects, storage),
  ];
}
