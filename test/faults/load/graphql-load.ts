// GraphQL load (cql-first schema of the data keyspace): insert mutations and queries by primary
// key; every read is compared with the ledger's acknowledged value. A 200 that carries `errors`
// (GraphQL's way to report a failed field) counts as a failure with status "200+errors".
import { type Ledger, type LedgerEntry, mismatch } from '../ledger.js';
import { type ApiDriver, type DataNames, Mix, type Operation } from './api-driver.js';
import { errorDescription, httpCall, networkFailure } from './http-call.js';
import type { Outcome } from './request-record.js';

type Kind = 'read' | 'insert';
const PATTERN: readonly Kind[] = ['read', 'insert'];

interface GraphqlBody {
  data?: Record<string, { applied?: boolean; values?: Array<{ v?: unknown }> } | null>;
  errors?: unknown[];
}

export class GraphqlLoad implements ApiDriver {
  readonly api = 'graphql' as const;
  private readonly mix = new Mix(PATTERN);
  private readonly url: string;
  private readonly insertMutation: string;
  private readonly readQuery: string;

  constructor(
    baseUrl: string,
    private readonly token: string,
    private readonly ledger: Ledger,
    private readonly names: DataNames,
  ) {
    this.url = `${baseUrl}/graphql/${names.keyspace}`;
    this.insertMutation = `mutation write($k: String, $v: String) { insert${names.table}(value: { k: $k, v: $v }) { applied } }`;
    this.readQuery = `query read($k: String) { ${names.table}(value: { k: $k }) { values { v } } }`;
  }

  next(): Operation {
    if (this.mix.next() === 'read') {
      const entry = this.ledger.take('row');
      if (entry) return this.read(entry);
    }
    return this.insert();
  }

  private insert(): Operation {
    const { entry, value } = this.ledger.beginInsert('row', this.api);
    const field = `insert${this.names.table}`;
    return {
      api: this.api,
      op: 'insert',
      idempotent: true,
      write: true,
      run: async () => {
        const outcome = await this.post(this.insertMutation, { k: entry.key, v: value }, (body) =>
          body.data?.[field]?.applied === true ? undefined : `insert of ${entry.key} not applied`,
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
        const outcome = await this.post(this.readQuery, { k: entry.key }, (body) =>
          mismatch(entry, expected, body.data?.[this.names.table]?.values?.[0]?.v),
        );
        this.ledger.release(entry);
        return outcome;
      },
    };
  }

  private async post(
    query: string,
    variables: Record<string, unknown>,
    check: (body: GraphqlBody) => string | undefined,
  ): Promise<Outcome> {
    try {
      const answer = await httpCall({
        method: 'POST',
        url: this.url,
        token: this.token,
        body: { query, variables },
      });
      const retry = answer.retryAfter !== undefined ? { retryAfter: answer.retryAfter } : {};
      if (answer.status !== 200) {
        return { ok: false, status: String(answer.status), detail: errorDescription(answer.body), ...retry };
      }
      const body = JSON.parse(answer.body) as GraphqlBody;
      if (body.errors?.length)
        return { ok: false, status: '200+errors', detail: errorDescription(answer.body) };
      const problem = check(body);
      return problem ? { ok: false, status: 'WRONG_VALUE', detail: problem } : { ok: true, status: '200' };
    } catch (err) {
      return networkFailure(err);
    }
  }

  close(): void {}
}
