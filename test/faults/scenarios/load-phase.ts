// Helpers every scenario uses around its load: start the mixed load on some APIs, keep it running
// while the scenario acts, wait (bounded) until service is steady again after a fault, and always
// stop the load and close its clients.
import { recoveryMs } from '../analysis.js';
import type { ApiDriver } from '../load/api-driver.js';
import { MixedLoad } from '../load/mixed-load.js';
import { Recorder } from '../load/recorder.js';
import { type ApiName, now } from '../load/request-record.js';
import type { ScenarioContext } from './scenario.js';

/** Workers per API in the mixed load: 8 requests in flight over the four APIs. */
export const WORKERS_PER_API = 2;
/** Upper bound of requests of one scenario's load (far above what a scenario sends). */
const MAX_REQUESTS = 2_000_000;
/** Service counts as steady after this long without a failure (and a success from every API). */
export const STEADY_MS = 2_000;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RunningLoad {
  load: MixedLoad;
  recorder: Recorder;
  drivers: ApiDriver[];
}

export function startMixedLoad(
  ctx: ScenarioContext,
  options: { apis?: readonly ApiName[]; workersPerApi?: number; maxDurationMs: number; keepAll?: boolean },
): RunningLoad {
  const drivers = ctx.drivers(options.apis ?? ctx.apis);
  const recorder = new Recorder(options.keepAll ?? true);
  const load = new MixedLoad({
    streams: drivers.map((driver) => ({
      next: () => driver.next(),
      concurrency: options.workersPerApi ?? WORKERS_PER_API,
    })),
    recorder,
    maxDurationMs: options.maxDurationMs,
    maxRequests: MAX_REQUESTS,
  });
  return { load, recorder, drivers };
}

export async function stopLoad(running: RunningLoad): Promise<void> {
  try {
    await running.load.stop();
  } finally {
    for (const d of running.drivers) d.close();
  }
}

/**
 * Waits until service has been steady for STEADY_MS after `fromMs` (no failure, a success from
 * every API), or until `limitMs` + STEADY_MS have passed since `fromMs`: long enough to tell
 * whether recovery took more or less than `limitMs`.
 */
export async function waitForSteadyService(
  recorder: Recorder,
  fromMs: number,
  apis: readonly ApiName[],
  limitMs: number,
): Promise<void> {
  const giveUpAt = fromMs + limitMs + STEADY_MS;
  while (now() < giveUpAt) {
    const recovery = recoveryMs(recorder.records(), fromMs, apis);
    if (recovery !== undefined && now() - (fromMs + recovery) >= STEADY_MS) return;
    await sleep(100);
  }
}
