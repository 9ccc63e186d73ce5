// How many requests of each kind the bridge has served (from its Prometheus metrics), to check
// how many round trips a GraphQL operation costs.
export async function bridgeCalls(httpUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${httpUrl}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(/^bridge_rpc_duration_seconds_count\{([^}]*)\} (\d+)/gm)) {
    const rpc = /rpc="([^"]+)"/.exec(match[1]!)?.[1] ?? '?';
    counts[rpc] = (counts[rpc] ?? 0) + Number(match[2]);
  }
  return counts;
}

export function callsBetween(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [rpc, count] of Object.entries(after)) {
    const delta = count - (before[rpc] ?? 0);
    if (delta !== 0) out[rpc] = delta;
  }
  return out;
}
