// api-sigterm: each API process in turn gets SIGTERM while its own load has requests in flight,
// and is started again afterwards. Targets: the requests in flight at the signal finish with
// success; new connections are refused (fresh TCP connects from 100 ms after the signal until the
// process is gone); the process exits 0 within its shutdown deadline.
import { connect } from 'node:net';
import {
  failed,
  failureExamples,
  formatStatusCounts,
  inFlightAt,
  latencyOfRecords,
  statusCounts,
} from '../analysis.js';
import { type ApiName, now, type RequestRecord } from '../load/request-record.js';
import { sleep, startMixedLoad, stopLoad } from './load-phase.js';
import { type Check, check, type Scenario, type ScenarioContext, type ScenarioResult } from './scenario.js';

const PHASES_MS = { quick: { before: 1_500 }, full: { before: 5_000 } };
/** Workers on the API under test: enough that requests are always in flight. */
const WORKERS = 8;
/** The process needs a moment to handle the signal; connections accepted before this are not held against it. */
export const PROBE_AFTER_MS = 100;
const PROBE_EVERY_MS = 50;
/** SHUTDOWN_DEADLINE_MS (10 s) + margin. */
const EXIT_TIMEOUT_MS = 15_000;

export interface ConnectionProbe {
  at: number;
  accepted: boolean;
}

export interface ApiSigtermMeasurement {
  api: ApiName;
  records: RequestRecord[];
  signalAt: number;
  exitedInMs: number | null;
  exitCode: number | null;
  probes: ConnectionProbe[];
}

function probeConnection(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function evaluateApiSigterm(m: ApiSigtermMeasurement): Check[] {
  const inFlight = inFlightAt(m.records, m.signalAt);
  const lostInFlight = failed(inFlight);
  const late = m.probes.filter((p) => p.at >= m.signalAt + PROBE_AFTER_MS);
  const accepted = late.filter((p) => p.accepted);
  return [
    check(
      `${m.api}: requests in flight at SIGTERM succeed`,
      inFlight.length > 0 && lostInFlight.length === 0,
      inFlight.length === 0
        ? 'no request was in flight: nothing measured'
        : `${inFlight.length - lostInFlight.length} of ${inFlight.length} succeeded${lostInFlight.length ? ` (${formatStatusCounts(statusCounts(lostInFlight))}: ${failureExamples(lostInFlight, 3).join('; ')})` : ''}`,
    ),
    check(
      `${m.api}: new connections refused`,
      late.length > 0 && accepted.length === 0,
      `${accepted.length} of ${late.length} connects accepted`,
    ),
    check(
      `${m.api}: exits 0 within ${EXIT_TIMEOUT_MS / 1000} s`,
      m.exitedInMs !== null && m.exitCode === 0,
      m.exitedInMs === null ? 'still running' : `code ${m.exitCode} after ${m.exitedInMs} ms`,
    ),
  ];
}

function listenPort(ctx: ScenarioContext, api: ApiName): number {
  const ports = ctx.stack.get(api).spec.ports;
  return api === 'grpc' ? ports.GRPC_PORT! : ctx.stack.get(api).spec.healthPort;
}

async function sigtermOne(
  ctx: ScenarioContext,
  api: ApiName,
  beforeMs: number,
): Promise<ApiSigtermMeasurement> {
  const running = startMixedLoad(ctx, { apis: [api], workersPerApi: WORKERS, maxDurationMs: 60_000 });
  const proc = ctx.stack.get(api);
  const port = listenPort(ctx, api);
  let signalAt = 0;
  const probes: ConnectionProbe[] = [];
  let exitedInMs: number | null = null;
  try {
    await sleep(beforeMs);
    signalAt = proc.signal('SIGTERM');
    const exited = proc.exited.then(() => now());
    let gone = false;
    void exited.then(() => {
      gone = true;
    });
    // Timers may fire a little early by this clock: wait until the probe window has surely begun.
    while (now() < signalAt + PROBE_AFTER_MS) await sleep(Math.max(1, signalAt + PROBE_AFTER_MS - now()));
    // At least one probe; then until the process is gone (bounded by the exit timeout).
    do {
      const at = now();
      probes.push({ at, accepted: await probeConnection(port) });
      await sleep(PROBE_EVERY_MS);
    } while (!gone && now() - signalAt < EXIT_TIMEOUT_MS);
    if (await proc.waitExit(Math.max(0, signalAt + EXIT_TIMEOUT_MS - now()))) {
      exitedInMs = Math.round((await exited) - signalAt);
    }
  } finally {
    await stopLoad(running);
  }
  if (proc.alive) await proc.stop(0);
  const back = await ctx.stack.restart(api);
  ctx.log(`${api}: SIGTERM → exit in ${exitedInMs ?? '—'} ms; started again in ${back.startupMs} ms`);
  return {
    api,
    records: running.recorder.records(),
    signalAt,
    exitedInMs,
    exitCode: proc.exit?.code ?? null,
    probes,
  };
}

export const apiSigterm: Scenario = {
  name: 'api-sigterm',
  title: 'SIGTERM each API process with requests in flight, then start it again',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const phases = ctx.quick ? PHASES_MS.quick : PHASES_MS.full;
    const measurements: ApiSigtermMeasurement[] = [];
    for (const api of ctx.apis) measurements.push(await sigtermOne(ctx, api, phases.before));
    const records = measurements.flatMap((m) => m.records);
    const failures = failed(records);
    return {
      name: 'api-sigterm',
      requests: records.length,
      failuresByStatus: statusCounts(failures),
      latency: latencyOfRecords(records),
      checks: measurements.flatMap(evaluateApiSigterm),
      details: Object.fromEntries(
        measurements.map((m) => [
          m.api,
          {
            inFlightAtSignal: inFlightAt(m.records, m.signalAt).length,
            sentAfterSignal: formatStatusCounts(statusCounts(m.records.filter((r) => r.start >= m.signalAt))),
            probes: `${m.probes.filter((p) => p.accepted).length} accepted of ${m.probes.length}`,
            exitedInMs: m.exitedInMs,
            exitCode: m.exitCode,
            failureExamples: failureExamples(m.records),
          },
        ]),
      ),
    };
  },
};
