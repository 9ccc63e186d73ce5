// soak (--soak <duration>, not in CI): mixed load through every API for the given time, no fault.
// Targets: no failed request; the RSS of every gateway process drifts less than 10 % after the
// warm-up (mean of the first fifth of the samples against the last fifth); nothing crashes.
import { failureExamples, formatStatusCounts } from '../analysis.js';
import { type RssDrift, type RssSample, RssSampler, rssDrift } from '../rss-sampler.js';
import { startMixedLoad, stopLoad } from './load-phase.js';
import { type Check, check, type Scenario, type ScenarioContext, type ScenarioResult } from './scenario.js';

export const MAX_DRIFT = 0.1;
/** Warm-up: a fifth of the soak, at most 5 minutes (V8 and the driver caches settle by then). */
export function warmupMs(soakMs: number): number {
  return Math.min(5 * 60_000, soakMs / 5);
}
const SAMPLE_EVERY_MS = { short: 1_000, long: 5_000 };

export interface SoakMeasurement {
  requests: number;
  failures: number;
  failuresByStatus: Record<string, number>;
  drift: Record<string, RssDrift | undefined>;
  crashed: string[];
}

export function evaluateSoak(m: SoakMeasurement): Check[] {
  const drifting = Object.entries(m.drift).filter(([, d]) => d === undefined || d.drift >= MAX_DRIFT);
  return [
    check(
      '0 failed requests',
      m.requests > 0 && m.failures === 0,
      `${m.failures} of ${m.requests} failed (${formatStatusCounts(m.failuresByStatus)})`,
    ),
    check(
      `RSS drift under ${MAX_DRIFT * 100} % per process after warm-up`,
      Object.keys(m.drift).length > 0 && drifting.length === 0,
      Object.entries(m.drift)
        .map(([name, d]) =>
          d === undefined
            ? `${name} —`
            : `${name} ${(d.drift * 100).toFixed(1)} % (${d.startMiB.toFixed(0)}→${d.endMiB.toFixed(0)} MiB)`,
        )
        .join(', '),
    ),
    check(
      'nothing crashed',
      m.crashed.length === 0,
      m.crashed.length === 0 ? 'all running' : `exited: ${m.crashed.join(', ')}`,
    ),
  ];
}

export const soak: Scenario = {
  name: 'soak',
  title: 'mixed load through every API for the --soak duration',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const soakMs = ctx.soakMs;
    if (soakMs === undefined) throw new Error('the soak runs with --soak <duration>');
    const watched = ctx.stack.running();
    const sampler = new RssSampler(
      () => watched,
      soakMs > 10 * 60_000 ? SAMPLE_EVERY_MS.long : SAMPLE_EVERY_MS.short,
    );
    const running = startMixedLoad(ctx, { maxDurationMs: soakMs, keepAll: false });
    const warmupEndsAt = running.load.startedAt + warmupMs(soakMs);
    sampler.start();
    try {
      await running.load.finished();
    } finally {
      sampler.stop();
      await stopLoad(running);
    }
    const summary = running.recorder.summary();
    const samples = sampler.byProcess();
    const drift = Object.fromEntries(
      watched.map(({ name }) => [name, rssDrift(samples.get(name) ?? ([] as RssSample[]), warmupEndsAt)]),
    );
    const crashed = watched.filter(({ name, pid }) => {
      const proc = ctx.stack.get(name);
      return proc.pid !== pid || !proc.alive;
    });
    return {
      name: 'soak',
      requests: summary.requests,
      failuresByStatus: summary.failuresByStatus,
      latency: summary.latency,
      checks: evaluateSoak({
        requests: summary.requests,
        failures: summary.failures,
        failuresByStatus: summary.failuresByStatus,
        drift,
        crashed: crashed.map((c) => c.name),
      }),
      details: {
        soakMs,
        warmupMs: warmupMs(soakMs),
        drift,
        failureExamples: failureExamples(running.recorder.failed()),
      },
    };
  },
};
