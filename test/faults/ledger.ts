// The ledger of writes: for every key the load writes, the values its final read may show. An
// acknowledged write fixes it to that value; a write that failed leaves both the old and the new
// value possible (it may or may not have landed). Only keys with an acknowledged write are checked
// at the end (ledger-check.ts); reads during the load use only keys whose value is certain.
import type { ApiName } from './load/request-record.js';
import { utcTimeOfDay } from './time-of-day.js';

/** Rows of the data table (REST, GraphQL, gRPC) or documents of the collection (Document API). */
export type Store = 'row' | 'document';

export interface LedgerEntry {
  store: Store;
  key: string;
  api: ApiName;
  /** Values the final read may show; null: the key is absent. */
  expected: (string | null)[];
  /** An acknowledged write (insert, update or delete) defined `expected` at least once. */
  acked: boolean;
  /** Scenario of the last acknowledged write (losses are charged to it). */
  scenario: string;
  /** When that write was acknowledged (epoch ms): a stale read names it, to set beside node kills. */
  ackedAt?: number;
  /** A request on this key is in flight: no other operation picks it. */
  busy: boolean;
}

export interface CounterEntry {
  key: string;
  scenario: string;
  /** Increments answered with success. */
  acked: number;
  /** Increments sent (acknowledged or not). */
  attempted: number;
}

export type Random = () => number;

export class Ledger {
  private readonly entries: LedgerEntry[] = [];
  private readonly byStore: Record<Store, LedgerEntry[]> = { row: [], document: [] };
  private readonly counters = new Map<string, CounterEntry>();
  private seq = 0;
  /** The scenario running now; writes are attributed to it. */
  scenario = 'setup';

  constructor(
    /** Distinguishes this run's keys from an earlier run's on a kept cluster. */
    readonly runId: string,
    private readonly random: Random = Math.random,
  ) {}

  /** A new key, busy until its insert settles. */
  beginInsert(store: Store, api: ApiName): { entry: LedgerEntry; value: string } {
    const key = `${api}-${this.runId}-${++this.seq}`;
    const entry: LedgerEntry = {
      store,
      key,
      api,
      expected: [null],
      acked: false,
      scenario: this.scenario,
      busy: true,
    };
    this.entries.push(entry);
    this.byStore[store].push(entry);
    return { entry, value: `${key}:v1:${this.random().toString(36).slice(2, 10)}` };
  }

  /**
   * A key whose value is certain and present, marked busy until settle() (a write) or release() (a
   * read): no write changes a key while it is read, so a read can expect exactly one value.
   */
  take(store: Store, api?: ApiName): LedgerEntry | undefined {
    const entry = this.pickCertain(store, api);
    if (entry) entry.busy = true;
    return entry;
  }

  release(entry: LedgerEntry): void {
    entry.busy = false;
  }

  private pickCertain(store: Store, api: ApiName | undefined): LedgerEntry | undefined {
    const list = this.byStore[store];
    // A few random probes: most keys are settled and certain, so this rarely misses.
    for (let attempt = 0; attempt < 8 && list.length > 0; attempt++) {
      const entry = list[Math.floor(this.random() * list.length)]!;
      if (entry.busy || !entry.acked || entry.expected.length !== 1 || entry.expected[0] === null) continue;
      if (api !== undefined && entry.api !== api) continue;
      return entry;
    }
    return undefined;
  }

  /** Up to `limit` keys whose value is certain and present (for read-only load). */
  settled(store: Store, limit: number): LedgerEntry[] {
    return this.byStore[store]
      .filter((e) => !e.busy && e.acked && e.expected.length === 1 && e.expected[0] !== null)
      .slice(0, limit);
  }

  nextValue(entry: LedgerEntry): string {
    return `${entry.key}:v${++this.seq}:${this.random().toString(36).slice(2, 10)}`;
  }

  /**
   * The write of `value` (null: a delete) on a busy entry has settled: acknowledged, it is now the
   * only possible value; not acknowledged, it joins the possible ones.
   */
  settle(entry: LedgerEntry, value: string | null, acknowledged: boolean): void {
    if (acknowledged) {
      entry.expected = [value];
      entry.acked = true;
      entry.scenario = this.scenario;
      entry.ackedAt = Date.now();
    } else if (!entry.expected.includes(value)) {
      entry.expected = [...entry.expected, value];
    }
    entry.busy = false;
  }

  /** The counter row of the current scenario. */
  counter(): CounterEntry {
    let entry = this.counters.get(this.scenario);
    if (!entry) {
      entry = {
        key: `counter-${this.runId}-${this.scenario}`,
        scenario: this.scenario,
        acked: 0,
        attempted: 0,
      };
      this.counters.set(this.scenario, entry);
    }
    return entry;
  }

  /** Entries with at least one acknowledged write: the ones that must survive. */
  acknowledged(): LedgerEntry[] {
    return this.entries.filter((e) => e.acked);
  }

  allCounters(): CounterEntry[] {
    return [...this.counters.values()];
  }

  /** Acknowledged writes per scenario (entries whose last acknowledged write was in it). */
  ackedByScenario(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const e of this.entries) if (e.acked) counts[e.scenario] = (counts[e.scenario] ?? 0) + 1;
    return counts;
  }
}

/** The value read back is one the ledger allows (a missing row or document reads as null). */
export function survived(entry: LedgerEntry, actual: string | null): boolean {
  return entry.expected.includes(actual);
}

/** Why a value read during the load is not the acknowledged one, or undefined when it is. */
export function mismatch(
  entry: LedgerEntry,
  expected: string | null | undefined,
  actual: unknown,
): string | undefined {
  if (actual === expected) return undefined;
  const acked =
    entry.ackedAt === undefined
      ? ''
      : ` (acknowledged ${utcTimeOfDay(entry.ackedAt)} UTC in ${entry.scenario})`;
  const problem = `${entry.key}: expected ${JSON.stringify(expected)}, read ${JSON.stringify(actual ?? null)}${acked}`;
  // The report counts WRONG_VALUE by scenario only: the log keeps what was read, to tell a stale or
  // misrouted answer from a harness mix-up (seen 7 times in one CI run, 2026-12-03, not since).
  process.stderr.write(`[faults] WRONG_VALUE ${problem.slice(0, 300)}\n`);
  return problem;
}
