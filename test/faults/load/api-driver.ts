// The shape every per-API load driver has: an endless, deterministic mix of operations (reads and
// writes in fixed proportions), each of which sends one request and says how it went.
import type { ApiName, Outcome } from './request-record.js';

export interface Operation {
  api: ApiName;
  op: string;
  idempotent: boolean;
  write: boolean;
  /** Sends the request; never throws (a failure is an Outcome). */
  run(): Promise<Outcome>;
}

export interface ApiDriver {
  readonly api: ApiName;
  /** The next operation of this API's mix. */
  next(): Operation;
  close(): void;
}

/** Where the load goes and whose writes it records. */
export interface DataNames {
  keyspace: string;
  table: string;
  counterTable: string;
  namespace: string;
  collection: string;
}

/** Steps through a fixed pattern of operation kinds, so every run sends the same mix. */
export class Mix<K extends string> {
  private i = 0;

  constructor(private readonly pattern: readonly K[]) {
    if (pattern.length === 0) throw new Error('an operation mix needs at least one operation');
  }

  next(): K {
    const kind = this.pattern[this.i % this.pattern.length]!;
    this.i++;
    return kind;
  }
}
