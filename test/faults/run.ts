// `npm run faults`: starts a 3-node Cassandra cluster, two bridges and the four APIs, runs the
// chosen fault scenarios under mixed load, reads every acknowledged write back, prints the table,
// writes the JSON report, and exits non-zero on any missed target. Everything it started is stopped
// however it ends (the cluster stays with --keep-cluster). Wiring only: the logic is in its modules.
import { join } from 'node:path';
import { repoRoot } from '../../tools/cassandra-local/index.js';
import { FaultCluster, stopFaultCluster } from './cluster.js';
import { Ledger } from './ledger.js';
import { checkLedger, type LedgerCheck } from './ledger-check.js';
import { createDrivers } from './load/drivers.js';
import { API_NAMES } from './load/request-record.js';
import { type FaultOptions, parseOptions, USAGE } from './options.js';
import { checksList, isMet, resultsTable, withLosses, writeReport } from './report.js';
import { SCENARIOS } from './scenarios/all-scenarios.js';
import type { ScenarioContext, ScenarioResult } from './scenarios/scenario.js';
import { createData, DATA } from './schema-setup.js';
import { FaultStack } from './services.js';
import { Teardown } from './teardown.js';
import { utcTimeOfDay } from './time-of-day.js';
import { makeWhole } from './whole-again.js';

const EXIT = { met: 0, missed: 1, usage: 2, harness: 3 } as const;
/** Services log warnings and errors: what they say during a fault is part of the evidence. */
const SERVICE_LOG_LEVEL = 'warn';
/** Lost writes listed in the JSON report (the count is always complete). */
const LOST_LISTED = 100;

const started = Date.now();
// Seconds since the start, and the UTC time of day: node kills line up with Cassandra's logs and with
// the acknowledgement times a stale read names (ledger.ts, mismatch).
const log = (line: string) => {
  const at = Date.now();
  console.log(`[faults +${((at - started) / 1000).toFixed(1)}s ${utcTimeOfDay(at)}] ${line}`);
};

function parse(): FaultOptions {
  try {
    const parsed = parseOptions(process.argv.slice(2));
    if (parsed === 'help') {
      console.log(USAGE);
      process.exit(EXIT.met);
    }
    return parsed;
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(EXIT.usage);
  }
}

function errorResult(name: ScenarioResult['name'], err: unknown): ScenarioResult {
  return {
    name,
    requests: 0,
    failuresByStatus: {},
    latency: undefined,
    checks: [],
    details: {},
    error: (err as Error)?.stack ?? String(err),
  };
}

async function main(): Promise<number> {
  const options = parse();
  const teardown = new Teardown(log);
  teardown.installExitHandlers(EXIT.harness);
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const out = options.out ?? join(repoRoot, '.local', 'faults', `faults-${stamp}.json`);
  const logDir = join(repoRoot, '.local', 'faults', `logs-${stamp}`);
  const results: ScenarioResult[] = [];
  const setup: Record<string, unknown> = {};
  let ledgerCheck: LedgerCheck | undefined;
  let ledger: Ledger | undefined;
  let harnessError: unknown;
  try {
    // Aborted first thing on teardown: a start or scenario still running starts no node any more.
    const abort = new AbortController();
    teardown.add('cluster', async () => {
      abort.abort();
      if (options.keepCluster) log('--keep-cluster: the Cassandra cluster keeps running');
      else await stopFaultCluster(log);
    });
    const cluster = await FaultCluster.start(log, abort.signal);
    setup.clusterStartS = (Date.now() - started) / 1000;
    const stack = new FaultStack({
      contactPoints: cluster.contactPoints,
      logDir,
      oneBridgeAddress: options.oneBridgeAddress,
      logLevel: SERVICE_LOG_LEVEL,
      log,
    });
    teardown.add('services', () => {
      abort.abort();
      return stack.stopAll();
    });
    await stack.start(API_NAMES);
    await createData(stack.baseUrl('rest'), stack.baseUrl('docs'), stack.token);
    setup.readyS = (Date.now() - started) / 1000;
    setup.bridgeAddress = stack.bridgeAddress();
    setup.serviceLogs = logDir;
    log(`cluster, services and data ready after ${setup.readyS} s`);

    ledger = new Ledger(Date.now().toString(36));
    const ctx: ScenarioContext = {
      quick: options.quick,
      soakMs: options.soakMs,
      cluster,
      stack,
      ledger,
      names: DATA,
      apis: API_NAMES,
      drivers: (apis) => createDrivers(stack, ledger!, DATA, apis),
      log,
    };
    const repairs: Record<string, string[]> = {};
    for (const name of options.scenarios) {
      if (abort.signal.aborted) break;
      const repaired = await makeWhole(cluster, stack, log);
      if (repaired.length > 0) repairs[`before ${name}`] = repaired;
      ledger.scenario = name;
      const scenarioStart = Date.now();
      log(`scenario ${name}: ${SCENARIOS[name].title}`);
      try {
        results.push(await SCENARIOS[name].run(ctx));
      } catch (err) {
        log(`scenario ${name} failed to run: ${(err as Error).message}`);
        results.push(errorResult(name, err));
      }
      log(`scenario ${name} done in ${((Date.now() - scenarioStart) / 1000).toFixed(1)} s`);
    }
    ledger.scenario = 'read-back';
    const repaired = await makeWhole(cluster, stack, log);
    if (repaired.length > 0) repairs['before the read-back'] = repaired;
    setup.repairs = repairs;
    log(`reading ${ledger.acknowledged().length} acknowledged writes back at consistency ALL`);
    ledgerCheck = await checkLedger(ledger, cluster.contactPoints, DATA);
    log(
      `read back in ${ledgerCheck.seconds.toFixed(1)} s: ${ledgerCheck.lost.length} rows or documents lost, ` +
        `${ledgerCheck.counters.reduce((sum, c) => sum + c.lost, 0)} counter increments lost` +
        `${ledgerCheck.readAtQuorum ? ` (${ledgerCheck.readAtQuorum} read at QUORUM)` : ''}`,
    );
  } catch (err) {
    harnessError = err;
    log(`the harness failed: ${(err as Error)?.stack ?? String(err)}`);
  } finally {
    await teardown.run();
  }

  const final = withLosses(results, ledgerCheck, ledger?.ackedByScenario() ?? {});
  const met = harnessError === undefined && final.length === options.scenarios.length && final.every(isMet);
  console.log(`\n${resultsTable(final)}\n\n${checksList(final)}\n`);
  writeReport(out, {
    startedAt: startedAt.toISOString(),
    quick: options.quick,
    options: { ...options },
    setup: { ...setup, totalS: (Date.now() - started) / 1000 },
    results: final,
    ledger: ledgerCheck && { ...ledgerCheck, lost: ledgerCheck.lost.slice(0, LOST_LISTED) },
    met,
  });
  log(`report: ${out}`);
  const verdict =
    harnessError !== undefined
      ? 'the harness failed (see above)'
      : met
        ? 'every target met'
        : 'some targets missed';
  log(`${verdict} (${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
  if (harnessError !== undefined) return EXIT.harness;
  return met ? EXIT.met : EXIT.missed;
}

// Explicit exit: a client socket or timer left open must not keep a finished run alive.
process.exit(await main());
