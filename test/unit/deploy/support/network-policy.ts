// Evaluates NetworkPolicies the way Kubernetes does for ingress: a pod selected by no policy
// with Ingress accepts everything; a selected pod accepts a connection if any rule of any of
// its policies admits the source and the port. Peers: podSelector alone means the policy's
// namespace; namespaceSelector alone, every pod of the matching namespaces; both, the matching
// pods of the matching namespaces; ipBlock, addresses (pods of other clusters).

import type { Pod } from './cluster-pods.js';
import type { K8sObject } from './k8s-object.js';
import { type LabelSelector, matchesSelector } from './label-selector.js';

interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

interface Rule {
  from?: Peer[];
  ports?: { port?: number | string; endPort?: number; protocol?: string }[];
}

export function ingressAllowed(
  policies: readonly K8sObject[],
  source: Pod,
  target: Pod,
  port: number,
): boolean {
  const applying = policies.filter((policy) => {
    const spec = policy.spec as { podSelector: LabelSelector; policyTypes?: string[]; ingress?: Rule[] };
    const types = spec.policyTypes ?? (spec.ingress ? ['Ingress'] : []);
    return (
      (policy.metadata.namespace ?? 'default') === target.namespace &&
      types.includes('Ingress') &&
      matchesSelector(target.labels, spec.podSelector)
    );
  });
  if (applying.length === 0) return true;
  return applying.some((policy) =>
    ((policy.spec as { ingress?: Rule[] }).ingress ?? []).some(
      (rule) => admitsSource(rule, policy, source) && admitsPort(rule, target, port),
    ),
  );
}

function admitsSource(rule: Rule, policy: K8sObject, source: Pod): boolean {
  if (!rule.from || rule.from.length === 0) return true;
  const policyNamespace = policy.metadata.namespace ?? 'default';
  const namespaceLabels = { 'kubernetes.io/metadata.name': source.namespace };
  return rule.from.some((peer) => {
    if (peer.ipBlock) return source.ip !== undefined && inCidr(source.ip, peer.ipBlock.cidr);
    if (source.ip !== undefined) return false;
    const namespaceOk = peer.namespaceSelector
      ? matchesSelector(namespaceLabels, peer.namespaceSelector)
      : source.namespace === policyNamespace;
    const podOk = peer.podSelector ? matchesSelector(source.labels, peer.podSelector) : true;
    return namespaceOk && podOk;
  });
}

function admitsPort(rule: Rule, target: Pod, port: number): boolean {
  if (!rule.ports || rule.ports.length === 0) return true;
  return rule.ports.some((p) => {
    if (p.port === undefined) return true;
    const number =
      typeof p.port === 'number' ? p.port : target.ports.find((c) => c.name === p.port)?.containerPort;
    if (number === undefined) return false;
    return p.endPort ? port >= number && port <= p.endPort : port === number;
  });
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const toNumber = (address: string) => address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  const mask = 2 ** 32 - 2 ** (32 - Number(bits));
  return (toNumber(ip) & mask) >>> 0 === (toNumber(base!) & mask) >>> 0;
}
