// REST point reads at a fixed number of connections, driven by autocannon: at c=512 a fetch-based
// client saturates its own core long before the API does (measured: ~4,000 503s/s against a
// server that answers at once, p50 115 ms of client time), so overload is measured with
// autocannon's raw HTTP/1.1 client, as the benchmarks do. Every response becomes a RequestRecord
// (status, Retry-After, value checked against the ledger); connection errors and timeouts too.
import autocannon from 'autocannon';
import { type LedgerEntry, mismatch } from '../ledger.js';
import { REQUEST_TIMEOUT_MS } from './http-call.js';
import { now, type RequestRecord, shorten } from './request-record.js';

export interface AutocannonReadOptions {
  /** e.g. http://127.0.0.1:29082 */
  baseUrl: string;
  token: string;
  keyspace: string;
  table: string;
  /** Rows whose value is certain; no write may change them while this runs. */
  rows: readonly LedgerEntry[];
  connections: number;
  durationMs: number;
  maxRequests: number;
}

interface ConnectionContext {
  entry?: LedgerEntry;
}

export async function autocannonReads(options: AutocannonReadOptions): Promise<RequestRecord[]> {
  if (options.rows.length === 0) throw new Error('no rows to read');
  const records: RequestRecord[] = [];
  let next = 0;
  // onResponse runs right before the 'response' event of the same response: it hands over what
  // only it sees (headers, body) to the record the event completes.
  let pending: { retryAfter?: string; problem?: string; detail?: string } = {};
  const base = (ok: boolean, status: string, start: number, end: number): RequestRecord => ({
    api: 'rest',
    op: 'read',
    idempotent: true,
    write: false,
    ok,
    status,
    start,
    end,
  });
  const instance = autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.durationMs / 1000,
    maxOverallRequests: options.maxRequests,
    timeout: REQUEST_TIMEOUT_MS / 1000,
    requests: [
      {
        method: 'GET',
        setupRequest: (req, context) => {
          const entry = options.rows[next++ % options.rows.length]!;
          (context as ConnectionContext).entry = entry;
          return {
            ...req,
            path: `/v2/keyspaces/${options.keyspace}/${options.table}/${encodeURIComponent(entry.key)}`,
            headers: { 'x-cassandra-token': options.token },
          };
        },
        onResponse: (status, body, context, headers?: Record<string, string>) => {
          const retryAfter = headers?.['retry-after'] ?? headers?.['Retry-After'];
          pending = retryAfter === undefined ? {} : { retryAfter };
          if (status === 200) {
            const entry = (context as ConnectionContext).entry!;
            try {
              const rows = (JSON.parse(body) as { data?: Array<{ v?: unknown }> }).data ?? [];
              const problem = mismatch(entry, entry.expected[0], rows[0]?.v);
              if (problem) pending.problem = problem;
            } catch {
              pending.problem = `not JSON: ${shorten(body)}`;
            }
          } else {
            pending.detail = shorten(body);
          }
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, responseMs: number) => {
    const end = now();
    const { retryAfter, problem, detail } = pending;
    pending = {};
    const record = base(
      status === 200 && !problem,
      problem ? 'WRONG_VALUE' : String(status),
      end - responseMs,
      end,
    );
    if (retryAfter !== undefined) record.retryAfter = retryAfter;
    if (problem ?? detail) record.detail = problem ?? detail;
    records.push(record);
  });
  instance.on('reqError', (error: Error & { code?: string }) => {
    const end = now();
    // A timeout's or a connection error's start is not reported: its latency counts as 0 (it is a
    // failure either way, and accepted or refused latencies never include it).
    const status = error.code ?? (/timeout/i.test(error.message) ? 'TIMEOUT' : 'NETWORK_ERROR');
    records.push({ ...base(false, status, end, end), detail: shorten(error.message) });
  });
  await instance;
  return records;
}
