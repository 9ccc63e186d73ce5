// Reads every acknowledged write back directly with cassandra-driver, once the cluster is whole
// again, at consistency ALL (every replica answers, so a write that reached only one replica is
// still found and repaired); a key whose read at ALL keeps failing is read at QUORUM and counted.
import cassandra from 'cassandra-driver';
import { type Ledger, type LedgerEntry, survived } from './ledger.js';
import type { DataNames } from './load/api-driver.js';

const READ_CONCURRENCY = 32;
const ATTEMPTS_AT_ALL = 3;

export interface LostWrite {
  key: string;
  store: LedgerEntry['store'];
  scenario: string;
  expected: (string | null)[];
  actual: string | null;
}

export interface CounterCheck {
  scenario: string;
  key: string;
  acked: number;
  attempted: number;
  actual: number;
  /** Acknowledged increments missing from the counter (a lower bound: see README). */
  lost: number;
}

export interface LedgerCheck {
  checked: number;
  /** Keys that had to be read at QUORUM because reads at ALL failed. */
  readAtQuorum: number;
  lost: LostWrite[];
  /** Rows and documents lost per scenario (the strict target: none). */
  lostByScenario: Record<string, number>;
  /**
   * Acknowledged counter increments missing per scenario, apart from rows and documents: Cassandra
   * itself loses them when the replica that led them is killed with commitlog_sync periodic (README).
   */
  counterLostByScenario: Record<string, number>;
  counters: CounterCheck[];
  seconds: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readWithFallback<T>(
  read: (consistency: number) => Promise<T>,
  onQuorum: () => void,
): Promise<T> {
  const { all, quorum } = cassandra.types.consistencies;
  for (let attempt = 1; attempt <= ATTEMPTS_AT_ALL; attempt++) {
    try {
      return await read(all);
    } catch {
      await sleep(1_000 * attempt);
    }
  }
  onQuorum();
  return read(quorum);
}

export async function checkLedger(
  ledger: Ledger,
  contactPoints: string[],
  names: DataNames,
): Promise<LedgerCheck> {
  const started = Date.now();
  const client = new cassandra.Client({
    contactPoints,
    localDataCenter: 'datacenter1',
    credentials: { username: 'cassandra', password: 'cassandra' },
    socketOptions: { readTimeout: 30_000 },
  });
  let readAtQuorum = 0;
  const quorum = () => {
    readAtQuorum++;
  };
  const rowCql = `SELECT v FROM ${names.keyspace}.${names.table} WHERE k = ?`;
  const docCql = `SELECT doc FROM ${names.namespace}.${names.collection} WHERE key = ? LIMIT 1`;
  const counterCql = `SELECT n FROM ${names.keyspace}.${names.counterTable} WHERE k = ?`;
  try {
    await client.connect();
    const actualOf = async (entry: LedgerEntry): Promise<string | null> => {
      const cql = entry.store === 'row' ? rowCql : docCql;
      const rs = await readWithFallback(
        (consistency) => client.execute(cql, [entry.key], { prepare: true, consistency }),
        quorum,
      );
      const row = rs.first();
      if (!row) return null;
      if (entry.store === 'row') return (row.get('v') as string | null) ?? null;
      const doc = row.get('doc') as string | null;
      if (doc === null) return null;
      const value = (JSON.parse(doc) as { v?: unknown }).v;
      return typeof value === 'string' ? value : JSON.stringify(value ?? null);
    };

    const entries = ledger.acknowledged();
    const lost: LostWrite[] = [];
    let next = 0;
    const worker = async () => {
      while (next < entries.length) {
        const entry = entries[next++]!;
        const actual = await actualOf(entry);
        if (!survived(entry, actual)) {
          lost.push({
            key: entry.key,
            store: entry.store,
            scenario: entry.scenario,
            expected: entry.expected,
            actual,
          });
        }
      }
    };
    await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));

    const counters: CounterCheck[] = [];
    for (const counter of ledger.allCounters()) {
      const rs = await readWithFallback(
        (consistency) => client.execute(counterCql, [counter.key], { prepare: true, consistency }),
        quorum,
      );
      const actual = Number(rs.first()?.get('n') ?? 0);
      counters.push({ ...counter, actual, lost: Math.max(0, counter.acked - actual) });
    }

    const lostByScenario: Record<string, number> = {};
    for (const l of lost) lostByScenario[l.scenario] = (lostByScenario[l.scenario] ?? 0) + 1;
    const counterLostByScenario: Record<string, number> = {};
    for (const c of counters)
      if (c.lost > 0) counterLostByScenario[c.scenario] = (counterLostByScenario[c.scenario] ?? 0) + c.lost;
    return {
      checked: entries.length + counters.length,
      readAtQuorum,
      lost,
      lostByScenario,
      counterLostByScenario,
      counters,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await client.shutdown().catch(() => undefined);
  }
}
