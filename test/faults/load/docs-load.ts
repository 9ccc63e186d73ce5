// Document API load: small documents written with PUT (a full, idempotent write) and read back by
// id; every read is compared with the ledger's acknowledged value.
import { type Ledger, type LedgerEntry, mismatch } from '../ledger.js';
import { type ApiDriver, type DataNames, Mix, type Operation } from './api-driver.js';
import { httpAttempt } from './http-call.js';

type Kind = 'read' | 'put';
// Each document write is a batch over several SAI-indexed rows: reads outnumber writes 2 to 1.
const PATTERN: readonly Kind[] = ['read', 'put', 'read'];

export class DocsLoad implements ApiDriver {
  readonly api = 'docs' as const;
  private readonly mix = new Mix(PATTERN);
  private readonly collection: string;

  constructor(
    baseUrl: string,
    private readonly token: string,
    private readonly ledger: Ledger,
    names: DataNames,
  ) {
    this.collection = `${baseUrl}/v2/namespaces/${names.namespace}/collections/${names.collection}`;
  }

  next(): Operation {
    if (this.mix.next() === 'read') {
      const entry = this.ledger.take('document');
      if (entry) return this.read(entry);
    }
    return this.put();
  }

  private put(): Operation {
    const { entry, value } = this.ledger.beginInsert('document', this.api);
    return {
      api: this.api,
      op: 'put',
      idempotent: true,
      write: true,
      run: async () => {
        const outcome = await httpAttempt(
          { method: 'PUT', url: this.documentUrl(entry), token: this.token, body: { v: value } },
          [200],
        );
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
        const outcome = await httpAttempt(
          { method: 'GET', url: this.documentUrl(entry), token: this.token },
          [200],
          (body) => mismatch(entry, expected, (JSON.parse(body) as { data?: { v?: unknown } }).data?.v),
        );
        this.ledger.release(entry);
        return outcome;
      },
    };
  }

  private documentUrl(entry: LedgerEntry): string {
    return `${this.collection}/${encodeURIComponent(entry.key)}`;
  }

  close(): void {}
}
