// Batches a bridge has answered, by gRPC status, from its Prometheus metrics: a write that Cassandra
// failed and the API retried behind the caller's back shows here although the caller saw success.
export async function bridgeBatchStatuses(metricsUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(metricsUrl)).text();
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(/^bridge_rpc_duration_seconds_count\{([^}]*)\} (\d+)/gm)) {
    if (!/rpc="[^"]*[Bb]atch[^"]*"/.test(match[1]!)) continue;
    const status = /status="([^"]+)"/.exec(match[1]!)?.[1] ?? '?';
    counts[status] = (counts[status] ?? 0) + Number(match[2]);
  }
  return counts;
}
