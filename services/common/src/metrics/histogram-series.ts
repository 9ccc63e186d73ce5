// prom-client hashes a label object on every observe(); the few label sets a service uses are
// looked up instead by a plain string key the caller builds, and their children kept.
import type { Histogram } from 'prom-client';

export function histogramSeries<L extends string>(
  histogram: Histogram<L>,
): (key: string, labels: () => Partial<Record<L, string | number>>) => Histogram.Internal<L> {
  const children = new Map<string, Histogram.Internal<L>>();
  return (key, labels) => {
    let child = children.get(key);
    if (!child) {
      child = histogram.labels(labels());
      children.set(key, child);
    }
    return child;
  };
}
