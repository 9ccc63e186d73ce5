// gRPC load through the public stargate.Stargate/ExecuteQuery (grpc-js with our proto, as
// bench/lib/stargate-grpc.ts): inserts, reads by key compared with the ledger, and counter
// increments, the non-idempotent operation of the mix (a retried increment counts twice).
import * as grpc from '@grpc/grpc-js';
import { StargateGrpc } from '../../../bench/lib/stargate-grpc.js';
import { type Ledger, type LedgerEntry, mismatch } from '../ledger.js';
import { type ApiDriver, type DataNames, Mix, type Operation } from './api-driver.js';
import { REQUEST_TIMEOUT_MS } from './http-call.js';
import { type Outcome, shorten } from './request-record.js';

type Kind = 'read' | 'insert' | 'counter';
const PATTERN: readonly Kind[] = ['read', 'insert', 'read', 'counter'];

/** A failed call as its client sees it: the status name and the server's message. */
export function grpcFailure(err: unknown): Outcome {
  const error = err as Partial<grpc.ServiceError>;
  const status = error.code !== undefined ? (grpc.status[error.code] ?? String(error.code)) : 'ERROR';
  return { ok: false, status, detail: shorten(error.details ?? error.message ?? String(err)) };
}

export class GrpcLoad implements ApiDriver {
  readonly api = 'grpc' as const;
  private readonly mix = new Mix(PATTERN);
  private readonly client: StargateGrpc;
  private readonly insertCql: string;
  private readonly readCql: string;
  private readonly counterCql: string;

  constructor(
    address: string,
    token: string,
    private readonly ledger: Ledger,
    names: DataNames,
  ) {
    this.client = new StargateGrpc(address, token);
    this.insertCql = `INSERT INTO ${names.keyspace}.${names.table} (k, v) VALUES (?, ?)`;
    this.readCql = `SELECT v FROM ${names.keyspace}.${names.table} WHERE k = ?`;
    this.counterCql = `UPDATE ${names.keyspace}.${names.counterTable} SET n = n + 1 WHERE k = ?`;
  }

  next(): Operation {
    const kind = this.mix.next();
    if (kind === 'counter') return this.increment();
    if (kind === 'read') {
      const entry = this.ledger.take('row');
      if (entry) return this.read(entry);
    }
    return this.insert();
  }

  private async call(cql: string, values: Array<{ string: string }>): Promise<Outcome & { row?: unknown }> {
    try {
      const res = await this.client.execute({ cql, values: { values } }, REQUEST_TIMEOUT_MS);
      return { ok: true, status: 'OK', row: res.resultSet?.rows?.[0]?.values?.[0]?.string };
    } catch (err) {
      return grpcFailure(err);
    }
  }

  private insert(): Operation {
    const { entry, value } = this.ledger.beginInsert('row', this.api);
    return {
      api: this.api,
      op: 'insert',
      idempotent: true,
      write: true,
      run: async () => {
        const { row: _row, ...outcome } = await this.call(this.insertCql, [
          { string: entry.key },
          { string: value },
        ]);
        this.ledger.settle(entry, value, outcome.ok);
        return outcome;
      },
    };
  }

  private read(entry: LedgerEntry): Operation {
    const expected = entry.expected[0];
    return {
      api: this.api,
      op: 'read',
      idempotent: true,
      write: false,
      run: async () => {
        const { row, ...outcome } = await this.call(this.readCql, [{ string: entry.key }]);
        this.ledger.release(entry);
        if (!outcome.ok) return outcome;
        const problem = mismatch(entry, expected, row);
        return problem ? { ok: false, status: 'WRONG_VALUE', detail: problem } : outcome;
      },
    };
  }

  private increment(): Operation {
    const counter = this.ledger.counter();
    return {
      api: this.api,
      op: 'counter-increment',
      idempotent: false,
      write: true,
      run: async () => {
        counter.attempted++;
        const { row: _row, ...outcome } = await this.call(this.counterCql, [{ string: counter.key }]);
        if (outcome.ok) counter.acked++;
        return outcome;
      },
    };
  }

  close(): void {
    this.client.close();
  }
}
