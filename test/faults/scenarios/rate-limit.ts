// rate-limit: a REST process of its own, started with a per-token rate limit; one token sends
// point reads as fast as it can, another at a polite pace. Targets: the fast token gets 429 with
// Retry-After (and nothing else but 200s); the polite token is unaffected (all 200).
import { failed, failureExamples, formatStatusCounts, latencyOfRecords, statusCounts } from '../analysis.js';
import { MixedLoad } from '../load/mixed-load.js';
import { Recorder } from '../load/recorder.js';
import type { RequestRecord } from '../load/request-record.js';
import { RestLoad } from '../load/rest-load.js';
import { type Check, check, type Scenario, type ScenarioContext, type ScenarioResult } from './scenario.js';

/**
 * The per-token rate limit of the HTTP APIs, as environment variables. Its settings are being added
 * by another change (named as on its branch, not yet on main): the names live here only.
 */
export const RATE_LIMIT_ENV = {
  requestsPerSecond: 'RATE_LIMIT_REQUESTS_PER_SECOND',
  burstRequests: 'RATE_LIMIT_BURST_REQUESTS',
} as const;
export const RATE_LIMIT = { requestsPerSecond: 20, burstRequests: 20 } as const;

const PHASES_MS = { quick: 3_000, full: 10_000 };
const FAST_WORKERS = 4;
/** The polite token: one request every 250 ms, a fifth of the limit. */
const POLITE_PACE_MS = 250;

export interface RateLimitMeasurement {
  fast: RequestRecord[];
  polite: RequestRecord[];
}

export function evaluateRateLimit(m: RateLimitMeasurement): Check[] {
  const limited = m.fast.filter((r) => r.status === '429');
  const withoutRetryAfter = limited.filter((r) => r.retryAfter === undefined);
  const unexpected = m.fast.filter((r) => r.status !== '200' && r.status !== '429');
  const politeFailures = failed(m.polite);
  return [
    check(
      'token over its rate gets 429',
      limited.length > 0,
      `${limited.length} of ${m.fast.length}: ${formatStatusCounts(statusCounts(m.fast))}`,
    ),
    check(
      '429s carry Retry-After',
      limited.length > 0 && withoutRetryAfter.length === 0,
      limited.length === 0 ? 'no 429' : `${limited.length - withoutRetryAfter.length} of ${limited.length}`,
    ),
    check(
      'token over its rate gets nothing but 200 or 429',
      unexpected.length === 0,
      unexpected.length === 0 ? 'none' : formatStatusCounts(statusCounts(unexpected)),
    ),
    check(
      'other token unaffected',
      m.polite.length > 0 && politeFailures.length === 0,
      `${politeFailures.length} of ${m.polite.length} failed${politeFailures.length ? ` (${formatStatusCounts(statusCounts(politeFailures))})` : ''}`,
    ),
  ];
}

export const rateLimit: Scenario = {
  name: 'rate-limit',
  title: `one token over a per-token rate of ${RATE_LIMIT.requestsPerSecond}/s on REST, another below it`,
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const durationMs = ctx.quick ? PHASES_MS.quick : PHASES_MS.full;
    const spec = ctx.stack.apiSpec('rest', {
      env: {
        [RATE_LIMIT_ENV.requestsPerSecond]: String(RATE_LIMIT.requestsPerSecond),
        [RATE_LIMIT_ENV.burstRequests]: String(RATE_LIMIT.burstRequests),
      },
    });
    const limitedRest = await ctx.stack.launch(spec);
    try {
      const baseUrl = ctx.stack.baseUrl('rest', spec.id);
      const secondToken = await ctx.stack.login();
      const fastClient = new RestLoad(baseUrl, ctx.stack.token, ctx.ledger, ctx.names);
      const politeClient = new RestLoad(baseUrl, secondToken, ctx.ledger, ctx.names);
      // Rows to read: settled ones of this run, else one written now.
      let rows = ctx.ledger.settled('row', 100);
      if (rows.length === 0) {
        await fastClient.insert().run();
        rows = ctx.ledger.settled('row', 100);
      }
      if (rows.length === 0) throw new Error('could not write a row to read');
      let i = 0;
      const pick = () => rows[i++ % rows.length]!;
      const fast = new Recorder();
      const polite = new Recorder();
      const loads = [
        new MixedLoad({
          streams: [{ next: () => fastClient.readSettled(pick()), concurrency: FAST_WORKERS }],
          recorder: fast,
          maxDurationMs: durationMs,
          maxRequests: 1_000_000,
        }),
        new MixedLoad({
          streams: [{ next: () => politeClient.readSettled(pick()), concurrency: 1, paceMs: POLITE_PACE_MS }],
          recorder: polite,
          maxDurationMs: durationMs,
          maxRequests: 1_000_000,
        }),
      ];
      await Promise.all(loads.map((l) => l.finished()));
      const records = [...fast.records(), ...polite.records()];
      return {
        name: 'rate-limit',
        requests: records.length,
        failuresByStatus: statusCounts(failed(records)),
        latency: latencyOfRecords(records),
        checks: evaluateRateLimit({ fast: fast.records(), polite: polite.records() }),
        details: {
          env: {
            [RATE_LIMIT_ENV.requestsPerSecond]: RATE_LIMIT.requestsPerSecond,
            [RATE_LIMIT_ENV.burstRequests]: RATE_LIMIT.burstRequests,
          },
          fastToken: formatStatusCounts(statusCounts(fast.records())),
          politeToken: formatStatusCounts(statusCounts(polite.records())),
          failureExamples: failureExamples(records),
        },
      };
    } finally {
      await limitedRest.stop();
    }
  },
};
