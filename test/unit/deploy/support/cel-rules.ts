// The CEL rules (`x-kubernetes-validations`) of our CRDs, written by hand: a JSON Schema
// validator cannot evaluate CEL. Keyed by the rule text as it appears in the CRD; a CRD rule
// missing here fails schema compilation, so a new upstream rule cannot go unchecked silently.
type Rule = (self: Record<string, unknown>) => boolean;

const has = (self: Record<string, unknown>, key: string): boolean => self[key] !== undefined;

const rules: Record<string, Rule> = {
  // InterceptorRoute spec.target and spec.coldStart.fallback.service; HTTPScaledObject.
  'has(self.port) != has(self.portName)': (self) => has(self, 'port') !== has(self, 'portName'),
  'has(self.portName) != has(self.port)': (self) => has(self, 'portName') !== has(self, 'port'),
  // InterceptorRoute spec.coldStart.placeholder.response.
  '!(has(self.body) && has(self.bodyFromConfigMap))': (self) =>
    !(has(self, 'body') && has(self, 'bodyFromConfigMap')),
  // InterceptorRoute spec.coldStart.
  'has(self.fallback) || has(self.placeholder)': (self) => has(self, 'fallback') || has(self, 'placeholder'),
  // InterceptorRoute spec.scalingMetric.
  'has(self.concurrency) || has(self.requestRate)': (self) =>
    has(self, 'concurrency') || has(self, 'requestRate'),
  // ScaledObject spec: KEDA's default maxReplicaCount is 100.
  '!has(self.minReplicaCount) || self.minReplicaCount <= (has(self.maxReplicaCount) ? self.maxReplicaCount : 100)':
    (self) =>
      !has(self, 'minReplicaCount') ||
      Number(self.minReplicaCount) <= (has(self, 'maxReplicaCount') ? Number(self.maxReplicaCount) : 100),
};

export function celRule(text: string): Rule {
  const rule = rules[text.replace(/\s+/g, ' ').trim()];
  if (!rule) throw new Error(`CRD has a CEL rule with no hand-written check: ${text}`);
  return rule;
}
