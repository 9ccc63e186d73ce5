// What a bridge says about its Cassandra side: its /health/ready answer (status and reason), and
// from /metrics the driver's open connections per node, so the suite can wait until both bridges
// use every node again before the next scenario.
import { httpCall } from './load/http-call.js';
import { now } from './load/request-record.js';

export interface ReadinessPoll {
  at: number;
  /** HTTP status, or 0 when the bridge did not answer. */
  status: number;
  detail: string;
}

export async function pollReadiness(url: string): Promise<ReadinessPoll> {
  const at = now();
  try {
    const answer = await httpCall({ method: 'GET', url, timeoutMs: 5_000 });
    let detail = '';
    try {
      const body = JSON.parse(answer.body) as { detail?: unknown };
      detail = typeof body.detail === 'string' ? body.detail : '';
    } catch {
      detail = answer.body.slice(0, 200);
    }
    return { at, status: answer.status, detail };
  } catch (err) {
    return { at, status: 0, detail: (err as Error).message };
  }
}

/** bridge_driver_open_connections{host="127.0.0.41:9042"} 1 → Map host → connections. */
export function openConnectionsByHost(metrics: string): Map<string, number> {
  const hosts = new Map<string, number>();
  for (const match of metrics.matchAll(
    /^bridge_driver_open_connections\{[^}]*host="([^"]+)"[^}]*\}\s+(\S+)$/gm,
  )) {
    hosts.set(match[1]!, Number(match[2]));
  }
  return hosts;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves true once the bridge's driver has an open connection to every contact point. */
export async function waitConnectedToAll(
  metricsUrl: string,
  contactPoints: readonly string[],
  timeoutMs: number,
): Promise<boolean> {
  const deadline = now() + timeoutMs;
  for (;;) {
    try {
      const hosts = openConnectionsByHost(
        (await httpCall({ method: 'GET', url: metricsUrl, timeoutMs: 5_000 })).body,
      );
      if (contactPoints.every((cp) => (hosts.get(cp) ?? 0) > 0)) return true;
    } catch {
      // not answering yet
    }
    if (now() >= deadline) return false;
    await sleep(250);
  }
}
