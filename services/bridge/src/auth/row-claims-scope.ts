// Row-level authorization of a JWT's x-stargate-<column> claims, applied to the statement that
// actually runs, whichever API sent it. A claim applies to every table (or view) with a column of
// its name, as in Stargate; the column must be text. Stargate checked the key values an API
// passed and filtered rows after reading them; the bridge only sees CQL, so instead:
// - SELECT: an equality on the column must equal the claim; without one the bridge appends
//   `AND "column" = ?` (bound to the claim) and ALLOW FILTERING, so Cassandra returns only the
//   caller's rows (counts, aggregates and paging stay right, which filtering afterwards would not).
// - INSERT, UPDATE, DELETE: the column must be part of the primary key and be set (INSERT) or
//   restricted with `=` (UPDATE, DELETE) to the claim. On a regular column the bridge cannot know
//   whose row an upsert overwrites without reading it first, so such writes are refused.
// - Anything it cannot read with certainty on such a table (a BATCH string, TRUNCATE, INSERT JSON,
//   an OR, a value that is neither a literal nor a bind marker, named values to extend) is refused
//   with PERMISSION_DENIED rather than run unrestricted.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { SYSTEM_KEYSPACES } from '../../../common/src/auth/private-keyspaces.js';
import { quoteIdentifier } from '../../../common/src/cql/identifier.js';
import type { ColumnSpec } from '../../../common/src/proto/generated/stargate/ColumnSpec.js';
import type { CqlKeyspaceDescribe } from '../../../common/src/proto/generated/stargate/CqlKeyspaceDescribe.js';
import type { Query__Output } from '../../../common/src/proto/generated/stargate/Query.js';
import type { Value__Output } from '../../../common/src/proto/generated/stargate/Value.js';
import type { ClassifiedStatement } from '../cql/classify-statement.js';
import { type CqlToken, identifierOf } from '../cql/tokenize-cql.js';
import { BridgeError } from '../errors/bridge-error.js';
import { CLAIM_PREFIX } from './jwt-claims.js';
import { tablesOf } from './statement-permissions.js';

export type ColumnKind = 'partition' | 'clustering' | 'static' | 'regular';
export interface ClaimColumn {
  kind: ColumnKind;
  text: boolean;
}
/** The columns of a table or view by name; undefined when it does not exist. */
export type TableColumns = ReadonlyMap<string, ClaimColumn>;
export type ColumnsLookup = (keyspace: string, table: string) => Promise<TableColumns | undefined>;

const TEXT_TYPES = new Set([1, 10, 13]); // ASCII, TEXT, VARCHAR
const SELECT_TAIL = new Set(['group', 'order', 'per', 'limit', 'allow']);

/** The query as it may run for a caller with these row claims (rewritten or unchanged), or throws. */
export async function scopeQuery(
  query: Query__Output,
  statement: ClassifiedStatement,
  defaultKeyspace: string | undefined,
  claims: ReadonlyMap<string, string>,
  columnsOf: ColumnsLookup,
): Promise<Query__Output> {
  if (claims.size === 0) return query;
  const { kind, tokens } = statement;
  if (kind === 'batch' || kind === 'truncate') {
    const refs =
      kind === 'batch' ? safeTablesOf(statement, defaultKeyspace) : [truncated(tokens, defaultKeyspace)];
    for (const ref of refs) {
      if (!ref) throw denied('the table of the statement cannot be determined');
      const claimed = await claimedColumns(ref, claims, columnsOf);
      if (claimed.length > 0) {
        throw denied(
          kind === 'batch'
            ? `a CQL BATCH string cannot be restricted to the caller's rows of ${ref.keyspace}.${ref.name} (column ${claimed[0]!.column}); send its statements as a batch of queries instead`
            : `TRUNCATE of ${ref.keyspace}.${ref.name} would remove rows of other claims (column ${claimed[0]!.column})`,
        );
      }
    }
    return query;
  }
  if (kind !== 'select' && kind !== 'insert' && kind !== 'update' && kind !== 'delete') return query;
  const at = tableIndex(kind, tokens);
  const ref = tableAt(tokens, at, defaultKeyspace);
  if (!ref) throw denied('the table of the statement cannot be determined');
  const claimed = await claimedColumns(ref, claims, columnsOf);
  if (claimed.length === 0) return query;
  const scope = new StatementScope(query, tokens, `${ref.keyspace}.${ref.name}`);
  if (kind === 'select') return scope.select(ref.end, claimed);
  for (const c of claimed) {
    if (c.kind !== 'partition' && c.kind !== 'clustering') {
      throw denied(
        `writes to ${scope.table} cannot be restricted to the caller's rows: its column ${c.column} (claim ${CLAIM_PREFIX}${c.column}) is not part of the primary key`,
      );
    }
  }
  if (kind === 'insert') scope.insert(ref.end, claimed);
  else scope.conditional(ref.end, claimed);
  return query;
}

/** The columns of a keyspace description, by table and view name. */
export function columnsFromDescription(
  description: CqlKeyspaceDescribe,
  table: string,
): TableColumns | undefined {
  for (const t of description.tables ?? []) {
    if (t.name === table) {
      return columnMap(t.partitionKeyColumns, t.clusteringKeyColumns, t.staticColumns, t.columns);
    }
    for (const v of t.materializedViews ?? []) {
      if (v.name === table) return columnMap(v.partitionKeyColumns, v.clusteringKeyColumns, [], v.columns);
    }
  }
  return undefined;
}

function columnMap(
  partition: ColumnSpec[] | undefined,
  clustering: ColumnSpec[] | undefined,
  statics: ColumnSpec[] | undefined,
  regular: ColumnSpec[] | undefined,
): TableColumns {
  const map = new Map<string, ClaimColumn>();
  const add = (specs: ColumnSpec[] | undefined, kind: ColumnKind) => {
    for (const spec of specs ?? []) {
      const basic = spec.type?.basic as number | undefined;
      map.set(spec.name ?? '', { kind, text: basic !== undefined && TEXT_TYPES.has(basic) });
    }
  };
  add(partition, 'partition');
  add(clustering, 'clustering');
  add(statics, 'static');
  add(regular, 'regular');
  return map;
}

interface Claimed {
  column: string;
  value: string;
  kind: ColumnKind;
}

interface TableRef {
  keyspace: string;
  name: string;
  /** Index of the first token after the table name. */
  end: number;
}

async function claimedColumns(
  ref: { keyspace: string; name: string },
  claims: ReadonlyMap<string, string>,
  columnsOf: ColumnsLookup,
): Promise<Claimed[]> {
  // Claims never apply to Cassandra's own keyspaces: what a role may read there is a matter of grants.
  if (SYSTEM_KEYSPACES.has(ref.keyspace)) return [];
  const columns = await columnsOf(ref.keyspace, ref.name);
  if (!columns) {
    // Not in the (fresh) description: Cassandra would refuse it too, so say what it would.
    throw BridgeError.invalid(`unconfigured table ${ref.name} in keyspace ${ref.keyspace}`);
  }
  const claimed: Claimed[] = [];
  for (const [column, value] of claims) {
    const spec = columns.get(column);
    if (!spec) continue;
    if (!spec.text) {
      throw denied(
        `column ${column} of ${ref.keyspace}.${ref.name} is not text: row claims (${CLAIM_PREFIX}${column}) apply to text columns only`,
      );
    }
    claimed.push({ column, value, kind: spec.kind });
  }
  return claimed;
}

function safeTablesOf(statement: ClassifiedStatement, keyspace: string | undefined) {
  try {
    return tablesOf(statement, keyspace);
  } catch {
    return [undefined];
  }
}

function truncated(tokens: CqlToken[], keyspace: string | undefined): TableRef | undefined {
  const at = isWord(tokens[1], 'table') ? 2 : 1;
  return tableAt(tokens, at, keyspace);
}

function tableIndex(kind: 'select' | 'insert' | 'update' | 'delete', tokens: CqlToken[]): number {
  if (kind === 'update') return 1;
  const keyword = kind === 'insert' ? 'into' : 'from';
  let depth = 0;
  for (let i = 1; i < tokens.length; i++) {
    depth += nesting(tokens[i]!);
    if (depth === 0 && isWord(tokens[i], keyword)) return i + 1;
  }
  return -1;
}

function tableAt(tokens: CqlToken[], at: number, keyspace: string | undefined): TableRef | undefined {
  if (at < 0) return undefined;
  const first = identifierOf(tokens[at]);
  if (first === undefined) return undefined;
  if (isPunct(tokens[at + 1], '.')) {
    const name = identifierOf(tokens[at + 2]);
    return name === undefined ? undefined : { keyspace: first, name, end: at + 3 };
  }
  return keyspace ? { keyspace, name: first, end: at + 1 } : undefined;
}

/** One statement being checked (and for a SELECT, extended) for the claimed columns. */
class StatementScope {
  /** Token index and name (for `:name`) of every bind marker, in order. */
  private readonly markers: Array<{ index: number; name?: string }> = [];

  constructor(
    private readonly query: Query__Output,
    private readonly tokens: CqlToken[],
    readonly table: string,
  ) {
    tokens.forEach((t, i) => {
      if (isPunct(t, '?')) this.markers.push({ index: i });
      else if (isPunct(t, ':') && identifierOf(tokens[i + 1]) !== undefined) {
        this.markers.push({ index: i, name: identifierOf(tokens[i + 1]) });
      }
    });
  }

  select(from: number, claimed: Claimed[]): Query__Output {
    const end = this.statementEnd();
    const where = this.findTopLevel(from, end, (t) => isWord(t, 'where'));
    const tail = this.findTopLevel(
      where >= 0 ? where : from,
      end,
      (t) => t.kind === 'word' && SELECT_TAIL.has(t.text),
    );
    const whereEnd = tail >= 0 ? tail : end;
    const equalities = where >= 0 ? this.equalities(where + 1, whereEnd) : new Map<string, number[]>();
    const missing: Claimed[] = [];
    for (const c of claimed) {
      const found = equalities.get(c.column);
      if (found) for (const start of found) this.expectClaim(start, c);
      else missing.push(c);
    }
    if (missing.length === 0) return this.query;
    if ((this.query.values?.valueNames ?? []).length > 0) {
      throw denied(
        `a SELECT on ${this.table} with named values cannot be restricted to the caller's rows: restrict ${missing[0]!.column} = ${quoteLiteral(missing[0]!.value)} in it`,
      );
    }
    const cql = this.query.cql ?? '';
    const insertAt = this.offsetOf(whereEnd, cql);
    const relations = missing.map((c) => `${quoteIdentifier(c.column)} = ?`).join(' AND ');
    const hasAllow = this.findTopLevel(from, end, (t) => isWord(t, 'allow')) >= 0;
    const endAt = this.offsetOf(end, cql);
    // Each addition starts on a new line: text inserted at the very end may follow a line comment.
    const rewritten = [
      cql.slice(0, insertAt),
      `\n${where >= 0 ? 'AND' : 'WHERE'} ${relations}\n`,
      cql.slice(insertAt, endAt),
      hasAllow ? '' : '\nALLOW FILTERING',
      cql.slice(endAt),
    ].join('');
    // The new markers come after every marker before the end of the WHERE clause.
    const position = this.markers.filter((m) => m.index < whereEnd).length;
    const values = [...(this.query.values?.values ?? [])];
    values.splice(position, 0, ...missing.map((c): Value__Output => ({ string: c.value, inner: 'string' })));
    return { ...this.query, cql: rewritten, values: { values, valueNames: [] } };
  }

  insert(after: number, claimed: Claimed[]): void {
    if (!isPunct(this.tokens[after], '(')) {
      throw denied(
        `an INSERT into ${this.table} without a column list (e.g. INSERT JSON) cannot be checked against the row claims`,
      );
    }
    const columns = this.items(after);
    const valuesAt = columns.close + 1;
    if (!isWord(this.tokens[valuesAt], 'values') || !isPunct(this.tokens[valuesAt + 1], '(')) {
      throw denied(`the INSERT into ${this.table} cannot be checked against the row claims`);
    }
    const values = this.items(valuesAt + 1);
    for (const c of claimed) {
      const i = columns.items.findIndex(([s, e]) => e - s === 1 && identifierOf(this.tokens[s]) === c.column);
      const item = values.items[i];
      if (i < 0 || !item) {
        throw denied(
          `an INSERT into ${this.table} must set ${c.column} = ${quoteLiteral(c.value)} (claim ${CLAIM_PREFIX}${c.column})`,
        );
      }
      this.expectClaim(item[0], c, item[1]);
    }
  }

  /** UPDATE and DELETE: each claimed column restricted with `=` to the claim in the WHERE clause. */
  conditional(from: number, claimed: Claimed[]): void {
    const end = this.statementEnd();
    const where = this.findTopLevel(from, end, (t) => isWord(t, 'where'));
    const condition = where >= 0 ? this.findTopLevel(where, end, (t) => isWord(t, 'if')) : -1;
    const equalities = where >= 0 ? this.equalities(where + 1, condition >= 0 ? condition : end) : new Map();
    for (const c of claimed) {
      const found: number[] | undefined = equalities.get(c.column);
      if (!found) {
        throw denied(
          `a write to ${this.table} must restrict ${c.column} = ${quoteLiteral(c.value)} in its WHERE clause (claim ${CLAIM_PREFIX}${c.column})`,
        );
      }
      for (const start of found) this.expectClaim(start, c);
    }
  }

  /** column → token indexes of the values of its `column = value` relations, in [from, to). */
  private equalities(from: number, to: number): Map<string, number[]> {
    const out = new Map<string, number[]>();
    let start = from;
    let depth = 0;
    for (let i = from; i <= to; i++) {
      const t = this.tokens[i];
      if (i < to) depth += nesting(t!);
      if (i < to && depth === 0 && isWord(t, 'or'))
        throw denied(`an OR in the WHERE clause on ${this.table} cannot be checked against the row claims`);
      if (i === to || (depth === 0 && isWord(t, 'and'))) {
        const column = identifierOf(this.tokens[start]);
        if (column !== undefined && i - start >= 3 && isPunct(this.tokens[start + 1], '=')) {
          const list = out.get(column) ?? [];
          list.push(start + 2);
          out.set(column, list);
        }
        start = i + 1;
      }
    }
    return out;
  }

  /** The value at `start` (a literal or bind marker, ending at `end`) must be the claim. */
  private expectClaim(start: number, c: Claimed, end?: number): void {
    const value = this.valueAt(start, end);
    if (value !== c.value) {
      throw denied(
        `the caller's rows of ${this.table} are those with ${c.column} = ${quoteLiteral(c.value)} (claim ${CLAIM_PREFIX}${c.column})${value === undefined ? ': use = with a text value' : `, not ${quoteLiteral(value)}`}`,
      );
    }
  }

  private valueAt(start: number, end?: number): string | undefined {
    const t = this.tokens[start];
    const next = end ?? this.relationEnd(start);
    if (t?.kind === 'string' && next === start + 1) return t.text;
    const marker = this.markers.findIndex((m) => m.index === start);
    if (marker < 0) return undefined;
    const m = this.markers[marker]!;
    if (next !== start + (m.name === undefined ? 1 : 2)) return undefined;
    const names = this.query.values?.valueNames ?? [];
    const values = this.query.values?.values ?? [];
    let index = marker;
    if (names.length > 0) {
      // Named values bind by marker name; a `?` is named after its column, as the driver reports it.
      const name = m.name ?? identifierOf(this.tokens[start - 2]) ?? '';
      index = names.indexOf(name);
      if (index < 0) index = names.findIndex((n) => n.toLowerCase() === name.toLowerCase());
    }
    const value = values[index];
    return typeof value?.string === 'string' ? value.string : undefined;
  }

  /** Where the relation value starting at `start` ends: the next top-level AND, IF or clause. */
  private relationEnd(start: number): number {
    let depth = 0;
    for (let i = start; i < this.tokens.length; i++) {
      const t = this.tokens[i]!;
      depth += nesting(t);
      if (depth < 0) return i;
      if (
        depth === 0 &&
        (isPunct(t, ';') ||
          (t.kind === 'word' && (t.text === 'and' || t.text === 'if' || SELECT_TAIL.has(t.text))))
      ) {
        return i;
      }
    }
    return this.tokens.length;
  }

  /** The comma-separated items inside the parentheses opening at `open`, as [start, end) ranges. */
  private items(open: number): { items: Array<[number, number]>; close: number } {
    const items: Array<[number, number]> = [];
    let depth = 0;
    let start = open + 1;
    for (let i = open; i < this.tokens.length; i++) {
      const t = this.tokens[i]!;
      depth += nesting(t);
      if (depth === 1 && isPunct(t, ',')) {
        items.push([start, i]);
        start = i + 1;
      } else if (depth === 0) {
        items.push([start, i]);
        return { items, close: i };
      }
    }
    throw denied(`the statement on ${this.table} cannot be checked against the row claims`);
  }

  private findTopLevel(from: number, to: number, test: (t: CqlToken) => boolean): number {
    let depth = 0;
    for (let i = from; i < to; i++) {
      const t = this.tokens[i]!;
      depth += nesting(t);
      if (depth === 0 && test(t)) return i;
    }
    return -1;
  }

  /** Index of the trailing `;`, or the token count. */
  private statementEnd(): number {
    const last = this.tokens.length - 1;
    return isPunct(this.tokens[last], ';') ? last : this.tokens.length;
  }

  private offsetOf(index: number, cql: string): number {
    return index < this.tokens.length ? (this.tokens[index]!.start ?? cql.length) : cql.length;
  }
}

function nesting(t: CqlToken): number {
  if (t.kind !== 'punct') return 0;
  if (t.text === '(' || t.text === '[' || t.text === '{') return 1;
  if (t.text === ')' || t.text === ']' || t.text === '}') return -1;
  return 0;
}

function isWord(t: CqlToken | undefined, word: string): boolean {
  return t?.kind === 'word' && t.text === word;
}

function isPunct(t: CqlToken | undefined, text: string): boolean {
  return t?.kind === 'punct' && t.text === text;
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function denied(reason: string): BridgeError {
  return new BridgeError(GrpcStatus.PERMISSION_DENIED, `Row-level authorization (JWT claims): ${reason}`);
}
