// Kubernetes label selector semantics: a Service's map, or matchLabels + matchExpressions.
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: {
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }[];
}

export function matchesSelector(
  labels: Record<string, string>,
  selector: LabelSelector | undefined,
): boolean {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const present = key in labels;
    if (operator === 'In' && !(present && values.includes(labels[key]!))) return false;
    if (operator === 'NotIn' && present && values.includes(labels[key]!)) return false;
    if (operator === 'Exists' && !present) return false;
    if (operator === 'DoesNotExist' && present) return false;
  }
  return true;
}

/** A Service's `spec.selector` is a bare map; an empty one would select every pod. */
export function matchesServiceSelector(
  labels: Record<string, string>,
  selector: Record<string, string>,
): boolean {
  return Object.keys(selector).length > 0 && matchesSelector(labels, { matchLabels: selector });
}
