// What a CQL statement is: its kind, and for schema statements the change it makes (the
// SchemaChange the bridge reports, and whose keyspace description it invalidates).
import { type CqlToken, identifierOf, tokenizeCql } from './tokenize-cql.js';

export type ChangeType = 'CREATED' | 'UPDATED' | 'DROPPED';
export type ChangeTarget = 'KEYSPACE' | 'TABLE' | 'TYPE' | 'FUNCTION' | 'AGGREGATE';

export interface SchemaChangeInfo {
  changeType: ChangeType;
  target: ChangeTarget;
  /** Undefined when the statement names no keyspace and none was given. */
  keyspace: string | undefined;
  name: string | undefined;
}

export type StatementKind =
  | 'select'
  | 'insert'
  | 'update'
  | 'delete'
  | 'batch'
  | 'use'
  | 'truncate'
  | 'schema'
  | 'access-control'
  | 'other';

export interface ClassifiedStatement {
  kind: StatementKind;
  tokens: CqlToken[];
  schemaChange?: SchemaChangeInfo;
}

const accessControlVerbs = new Set(['grant', 'revoke', 'list']);

export function classifyStatement(cql: string, defaultKeyspace?: string): ClassifiedStatement {
  const tokens = tokenizeCql(cql);
  const first = tokens[0]?.kind === 'word' ? tokens[0].text : '';
  switch (first) {
    case 'select':
    case 'insert':
    case 'update':
    case 'delete':
    case 'use':
    case 'truncate':
      return { kind: first, tokens };
    case 'begin':
      // Only BEGIN [UNLOGGED | COUNTER] BATCH: anything else starting with BEGIN (a future
      // BEGIN TRANSACTION may hold SELECTs) is not a batch of writes, so not classified.
      return { kind: isBatchStart(tokens) ? 'batch' : 'other', tokens };
    case 'create':
    case 'alter':
    case 'drop': {
      const change = schemaChange(tokens, defaultKeyspace);
      if (change === 'access-control') return { kind: 'access-control', tokens };
      return change ? { kind: 'schema', tokens, schemaChange: change } : { kind: 'other', tokens };
    }
    default:
      return { kind: accessControlVerbs.has(first) ? 'access-control' : 'other', tokens };
  }
}

function isBatchStart(tokens: CqlToken[]): boolean {
  const word = (k: number): string | undefined => (tokens[k]?.kind === 'word' ? tokens[k]!.text : undefined);
  return word(1) === 'batch' || ((word(1) === 'unlogged' || word(1) === 'counter') && word(2) === 'batch');
}

function schemaChange(
  tokens: CqlToken[],
  defaultKeyspace?: string,
): SchemaChangeInfo | 'access-control' | undefined {
  const verb = (tokens[0] as { text: string }).text;
  let i = 1;
  const word = (k: number): string | undefined => (tokens[k]?.kind === 'word' ? tokens[k]!.text : undefined);
  if (verb === 'create' && word(1) === 'or' && word(2) === 'replace') i = 3;
  if (verb === 'create' && word(i) === 'custom') i++;
  let object = word(i);
  if (object === 'materialized' && word(i + 1) === 'view') {
    object = 'view';
    i++;
  }
  if (object === 'role' || object === 'user') return 'access-control';
  i++;
  // IF [NOT] EXISTS
  if (word(i) === 'if') {
    i++;
    if (word(i) === 'not') i++;
    if (word(i) === 'exists') i++;
  }
  const changeType: ChangeType = verb === 'create' ? 'CREATED' : verb === 'alter' ? 'UPDATED' : 'DROPPED';
  const qualified = (k: number): { keyspace: string | undefined; name: string | undefined } => {
    const a = identifierOf(tokens[k]);
    if (tokens[k + 1]?.kind === 'punct' && tokens[k + 1]!.text === '.') {
      return { keyspace: a, name: identifierOf(tokens[k + 2]) };
    }
    return { keyspace: defaultKeyspace, name: a };
  };
  switch (object) {
    case 'keyspace':
    case 'schema':
      return { changeType, target: 'KEYSPACE', keyspace: identifierOf(tokens[i]), name: undefined };
    case 'table':
    case 'columnfamily':
    case 'view':
      return { changeType, target: 'TABLE', ...qualified(i) };
    case 'type':
      return { changeType, target: 'TYPE', ...qualified(i) };
    case 'function':
      return { changeType, target: 'FUNCTION', ...qualified(i) };
    case 'aggregate':
      return { changeType, target: 'AGGREGATE', ...qualified(i) };
    case 'index': {
      // CREATE INDEX [name] ON [ks.]table: Cassandra reports the table as updated.
      const on = tokens.findIndex((t, k) => k >= i && t.kind === 'word' && t.text === 'on');
      if (verb === 'create' && on >= 0)
        return { changeType: 'UPDATED', target: 'TABLE', ...qualified(on + 1) };
      const dropped = qualified(i);
      return { changeType: 'UPDATED', target: 'TABLE', keyspace: dropped.keyspace, name: undefined };
    }
    case 'trigger': {
      const on = tokens.findIndex((t, k) => k >= i && t.kind === 'word' && t.text === 'on');
      return { changeType: 'UPDATED', target: 'TABLE', ...(on >= 0 ? qualified(on + 1) : qualified(i)) };
    }
    default:
      return undefined;
  }
}
