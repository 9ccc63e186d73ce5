// Dashboards and alerts: valid JSON dashboards on the metrics the services export, alert rules
// for error rate, p99 latency and bridge unavailability, and PromQL that at least names only
// known metrics and balances its brackets (no PromQL parser offline).
import { describe, expect, it } from 'vitest';
import { field, type K8sObject, ofKind } from './support/k8s-object.js';
import { kustomizations } from './support/paths.js';
import { renderKustomization } from './support/render-kustomization.js';

interface Panel {
  title: string;
  targets?: { expr: string }[];
}
interface Alert {
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const knownMetrics = new Set([
  'http_server_request_duration_seconds_count',
  'http_server_request_duration_seconds_bucket',
  'bridge_rpc_duration_seconds_count',
  'bridge_rpc_duration_seconds_bucket',
  'bridge_driver_open_connections',
  'bridge_driver_in_flight_requests',
  'grpc_server_request_duration_seconds_count',
  'grpc_server_request_duration_seconds_bucket',
  'grpc_server_open_streams',
  'process_resident_memory_bytes',
  // kube-state-metrics and Prometheus itself.
  'kube_deployment_status_replicas_available',
  'up',
]);
const promqlWords = new Set([
  'sum',
  'by',
  'rate',
  'histogram_quantile',
  'topk',
  'and',
  'or',
  'absent',
  'max',
  'le',
]);

/** Identifiers used as metric names: followed by `{`, or standing alone as a vector. */
function metricNames(expr: string): string[] {
  const withoutStrings = expr
    .replace(/"[^"]*"/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]');
  return [...withoutStrings.matchAll(/\b([a-z_][a-z0-9_]*)\b(?!\s*\()/g)]
    .map((m) => m[1]!)
    .filter(
      (word) =>
        !promqlWords.has(word) &&
        !/^(namespace|service|rpc|host|status|route|method|job|deployment)$/.test(word),
    );
}

function balanced(expr: string): boolean {
  const pairs: Record<string, string> = { ')': '(', '}': '{', ']': '[' };
  const stack: string[] = [];
  for (const char of expr.replace(/"[^"]*"/g, '')) {
    if ('({['.includes(char)) stack.push(char);
    else if (char in pairs && stack.pop() !== pairs[char]) return false;
  }
  return stack.length === 0;
}

function dashboards(
  objects: readonly K8sObject[],
): Record<string, { panels: Panel[]; uid: string; title: string }> {
  const configMap = ofKind(objects, 'ConfigMap').find((c) => c.metadata.labels?.grafana_dashboard === '1')!;
  return Object.fromEntries(
    Object.entries(configMap.data ?? {}).map(([file, text]) => [file, JSON.parse(text)]),
  );
}

const objects = renderKustomization('base');
const alerts = ofKind(objects, 'PrometheusRule').flatMap(
  (rule) => field<{ rules: Alert[] }[]>(rule, 'spec', 'groups')?.flatMap((g) => g.rules) ?? [],
);

describe('Grafana dashboards', () => {
  const boards = dashboards(objects);

  it('are two JSON dashboards with stable uids', () => {
    expect(Object.keys(boards).sort()).toEqual(['stargate-apis.json', 'stargate-bridge.json']);
    expect(Object.values(boards).map((b) => b.uid)).toEqual(['stargate-apis', 'stargate-bridge']);
  });

  it('show request rate, errors and latency per API', () => {
    const exprs = boards['stargate-apis.json']!.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr);
    expect(
      exprs.some((e) => /sum by \(service\) \(rate\(http_server_request_duration_seconds_count/.test(e)),
    ).toBe(true);
    expect(exprs.some((e) => /status=~"5\.\."/.test(e))).toBe(true);
    expect(exprs.some((e) => /histogram_quantile\(0\.99, sum by \(service, le\)/.test(e))).toBe(true);
    const grpc = exprs.filter((e) => e.includes('grpc_server_request_duration_seconds'));
    expect(
      grpc.some((e) => /sum by \(method\) \(rate\(grpc_server_request_duration_seconds_count/.test(e)),
    ).toBe(true);
    expect(grpc.some((e) => /histogram_quantile\(0\.99, sum by \(method, le\)/.test(e))).toBe(true);
  });

  it('show bridge latency, driver connections and in-flight requests per host', () => {
    const exprs = boards['stargate-bridge.json']!.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr);
    expect(exprs.some((e) => /histogram_quantile\(0\.99, .*bridge_rpc_duration_seconds_bucket/.test(e))).toBe(
      true,
    );
    expect(exprs.some((e) => /sum by \(host\) \(bridge_driver_open_connections/.test(e))).toBe(true);
    expect(exprs.some((e) => /sum by \(host\) \(bridge_driver_in_flight_requests/.test(e))).toBe(true);
  });

  it('query only known metrics, with balanced brackets', () => {
    for (const board of Object.values(boards)) {
      for (const { expr } of board.panels.flatMap((p) => p.targets ?? [])) {
        expect(balanced(expr), expr).toBe(true);
        for (const name of metricNames(expr)) expect(knownMetrics, `${name} in ${expr}`).toContain(name);
      }
    }
  });
});

describe('alert rules', () => {
  it('cover error rate and p99 latency of the HTTP and gRPC APIs, and bridge unavailability', () => {
    expect(alerts.map((a) => a.alert)).toEqual(
      expect.arrayContaining([
        'StargateApiHighErrorRate',
        'StargateApiHighLatencyP99',
        'StargateGrpcApiHighErrorRate',
        'StargateGrpcApiHighLatencyP99',
        'StargateBridgeUnavailable',
      ]),
    );
  });

  it("count 5xx as the HTTP APIs' errors, not 499 (the client went away: no server error)", () => {
    const errorRate = alerts.find((a) => a.alert === 'StargateApiHighErrorRate')!;
    const statuses = [...errorRate.expr.matchAll(/status=~"([^"]+)"/g)].map(
      (m) => new RegExp(`^(?:${m[1]})$`),
    );
    expect(statuses).toHaveLength(1);
    expect(['500', '503'].filter((s) => statuses[0]!.test(s))).toEqual(['500', '503']);
    expect(statuses[0]!.test('499')).toBe(false);
  });

  it('each wait before firing, carry a severity and say what is wrong', () => {
    for (const alert of alerts) {
      expect(alert.for, alert.alert).toMatch(/^\d+m$/);
      expect(['warning', 'critical']).toContain(alert.labels?.severity);
      expect(alert.annotations?.summary, alert.alert).toBeTruthy();
    }
  });

  it('query only known metrics, with balanced brackets', () => {
    for (const { alert, expr } of alerts) {
      expect(balanced(expr), alert).toBe(true);
      for (const name of metricNames(expr)) expect(knownMetrics, `${name} in ${alert}`).toContain(name);
    }
  });

  it.each(kustomizations)("name the bridge's scrape jobs as %s renders them", (path) => {
    // A ServiceMonitor target's job is the Kubernetes Service name.
    const unavailable = alerts.find((a) => a.alert === 'StargateBridgeUnavailable')!;
    const jobPattern = new RegExp(`^${/job=~"([^"]+)"/.exec(unavailable.expr)![1]}$`);
    const deploymentPattern = new RegExp(`^${/deployment=~"([^"]+)"/.exec(unavailable.expr)![1]}$`);
    const rendered = renderKustomization(path);
    const bridgeHttp = ofKind(rendered, 'Service').filter((s) =>
      field<{ name: string; port: number }[]>(s, 'spec', 'ports')?.some((p) => p.port === 8081),
    );
    expect(bridgeHttp.length).toBeGreaterThan(0);
    for (const service of bridgeHttp) expect(service.metadata.name).toMatch(jobPattern);
    for (const deployment of ofKind(rendered, 'Deployment').filter((d) =>
      d.metadata.name.includes('bridge'),
    )) {
      expect(deployment.metadata.name).toMatch(deploymentPattern);
    }
  });

  it('the metric-name check catches a typo', () => {
    expect(metricNames('sum(rate(http_server_request_duration_second_count{service="rest"}[5m]))')).toEqual([
      'http_server_request_duration_second_count',
    ]);
    expect(balanced('sum(rate(x[5m])')).toBe(false);
  });
});
