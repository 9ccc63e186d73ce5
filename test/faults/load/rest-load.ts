// REST load: rows of the data table inserted (POST), updated (PATCH), deleted and read back by
// primary key; every read is compared with the ledger's acknowledged value.
import { type Ledger, type LedgerEntry, mismatch } from '../ledger.js';
import { type ApiDriver, type DataNames, Mix, type Operation } from './api-driver.js';
import { httpAttempt } from './http-call.js';

type Kind = 'read' | 'insert' | 'update' | 'delete';
const PATTERN: readonly Kind[] = [
  'read',
  'insert',
  'read',
  'update',
  'read',
  'insert',
  'read',
  'delete',
  'read',
  'insert',
];

export class RestLoad implements ApiDriver {
  readonly api = 'rest' as const;
  private readonly mix = new Mix(PATTERN);
  private readonly rows: string;

  constructor(
    baseUrl: string,
    private readonly token: string,
    private readonly ledger: Ledger,
    names: DataNames,
  ) {
    this.rows = `${baseUrl}/v2/keyspaces/${names.keyspace}/${names.table}`;
  }

  next(): Operation {
    const kind = this.mix.next();
    if (kind === 'read') {
      const entry = this.ledger.take('row');
      if (entry) return this.read(entry);
    } else if (kind === 'update' || kind === 'delete') {
      const entry = this.ledger.take('row', 'rest');
      if (entry) return kind === 'update' ? this.update(entry) : this.remove(entry);
    }
    return this.insert();
  }

  /**
   * A read of a row whose value is certain, without marking it busy: for load that only reads
   * (overload), where no write can change it meanwhile.
   */
  readSettled(entry: LedgerEntry): Operation {
    return this.read(entry, false);
  }

  insert(): Operation {
    const { entry, value } = this.ledger.beginInsert('row', 'rest');
    return this.write('insert', entry, value, () =>
      httpAttempt(
        { method: 'POST', url: this.rows, token: this.token, body: { k: entry.key, v: value } },
        [201],
      ),
    );
  }

  private update(entry: LedgerEntry): Operation {
    const value = this.ledger.nextValue(entry);
    return this.write('update', entry, value, () =>
      httpAttempt({ method: 'PATCH', url: this.rowUrl(entry), token: this.token, body: { v: value } }, [200]),
    );
  }

  private remove(entry: LedgerEntry): Operation {
    return this.write('delete', entry, null, () =>
      httpAttempt({ method: 'DELETE', url: this.rowUrl(entry), token: this.token }, [204]),
    );
  }

  private write(
    op: string,
    entry: LedgerEntry,
    value: string | null,
    send: () => ReturnType<typeof httpAttempt>,
  ): Operation {
    return {
      api: this.api,
      op,
      idempotent: true,
      write: true,
      run: async () => {
        const outcome = await send();
        this.ledger.settle(entry, value, outcome.ok);
        return outcome;
      },
    };
  }

  private read(entry: LedgerEntry, release = true): Operation {
    const expected = entry.expected[0];
    return {
      api: this.api,
      op: 'read',
      idempotent: true,
      write: false,
      run: async () => {
        const outcome = await httpAttempt(
          { method: 'GET', url: this.rowUrl(entry), token: this.token },
          [200],
          (body) => {
            const rows = (JSON.parse(body) as { data?: Array<{ v?: unknown }> }).data ?? [];
            return mismatch(entry, expected, rows[0]?.v);
          },
        );
        if (release) this.ledger.release(entry);
        return outcome;
      },
    };
  }

  private rowUrl(entry: LedgerEntry): string {
    return `${this.rows}/${encodeURIComponent(entry.key)}`;
  }

  close(): void {}
}
