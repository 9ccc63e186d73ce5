// What running a statement requires under Cassandra's permission model: which permission on which
// resource (a table, its keyspace, all keyspaces, functions), or superuser rights. Anything this
// cannot classify with certainty requires superuser rights: deny by default.
import type { ClassifiedStatement } from '../cql/classify-statement.js';
import { type CqlToken, identifierOf } from '../cql/tokenize-cql.js';

export type Requirement =
  | { kind: 'allowed' }
  | { kind: 'superuser'; reason: string }
  | { kind: 'permission'; permission: string; resources: string[]; target: string }
  /** EXECUTE on a user-defined function: granted on the function, its keyspace's functions or all functions. */
  | { kind: 'execute'; keyspace: string; name: string };

export class NoKeyspaceError extends Error {}

// Readable by every authenticated role: drivers need them to connect and learn the schema.
const PUBLIC_SYSTEM_TABLES = new Set(['system.local', 'system.peers', 'system.peers_v2']);
export const SYSTEM_KEYSPACES = new Set([
  'system',
  'system_schema',
  'system_auth',
  'system_traces',
  'system_distributed',
  'system_views',
  'system_virtual_schema',
]);
// The bridge's own token table: never reachable through a statement unless superuser.
const PRIVATE_KEYSPACES = new Set(['system_auth', 'data_endpoint_auth']);

const NATIVE_FUNCTIONS = new Set(
  (
    'token ttl writetime maxwritetime count min max sum avg now uuid currenttimestamp currentdate currenttime ' +
    'currenttimeuuid current_timestamp current_date current_time current_timeuuid mintimeuuid maxtimeuuid ' +
    'min_timeuuid max_timeuuid todate totimestamp tounixtimestamp to_date to_timestamp to_unix_timestamp dateof ' +
    'unixtimestampof cast fromjson tojson from_json to_json similarity_cosine similarity_euclidean ' +
    'similarity_dot_product abs exp log log10 round collection_count collection_max collection_min collection_sum ' +
    'collection_avg map_keys map_values mask_null mask_default mask_replace mask_inner mask_outer mask_hash'
  ).split(' '),
);
const KEYWORDS_BEFORE_PARENS = new Set(
  (
    'values in and or where if set contains key select from into json distinct as not on with using table exists ' +
    'by limit batch begin apply update insert delete group order frozen list map tuple vector'
  ).split(' '),
);

export function tableResources(keyspace: string, table: string): string[] {
  return [`data/${keyspace}/${table}`, `data/${keyspace}`, 'data'];
}

export function keyspaceResources(keyspace: string): string[] {
  return [`data/${keyspace}`, 'data'];
}

export function requirementsOf(
  statement: ClassifiedStatement,
  defaultKeyspace: string | undefined,
): Requirement[] {
  const { tokens } = statement;
  switch (statement.kind) {
    case 'select':
    case 'insert':
    case 'update':
    case 'delete': {
      const at = tableIndex(statement.kind, tokens);
      const access = tableAccess(
        statement.kind === 'select' ? 'SELECT' : 'MODIFY',
        tokens,
        at,
        defaultKeyspace,
      );
      // Cassandra resolves an unqualified function name in the keyspace of the statement's table,
      // not in the session's keyspace.
      const functionKeyspace = qualifiedAt(tokens, at, defaultKeyspace)?.keyspace ?? defaultKeyspace;
      return [...access, ...functionCalls(tokens, functionKeyspace)];
    }
    case 'truncate':
      return tableAccess('MODIFY', tokens, wordAt(tokens, 1) === 'table' ? 2 : 1, defaultKeyspace);
    case 'batch':
      return splitBatch(tokens).flatMap((inner) => requirementsOf(inner, defaultKeyspace));
    case 'schema':
      return schemaRequirements(statement, defaultKeyspace);
    case 'access-control':
      return [{ kind: 'superuser', reason: 'role and permission management' }];
    default:
      return [{ kind: 'superuser', reason: 'a statement the gateway cannot classify' }];
  }
}

/** The tables a statement (or each statement of a batch) reads or writes; empty for other kinds. */
export function tablesOf(
  statement: ClassifiedStatement,
  defaultKeyspace: string | undefined,
): Array<{ keyspace: string; name: string }> {
  switch (statement.kind) {
    case 'select':
    case 'insert':
    case 'update':
    case 'delete': {
      const ref = qualifiedAt(
        statement.tokens,
        tableIndex(statement.kind, statement.tokens),
        defaultKeyspace,
      );
      return ref ? [ref] : [];
    }
    case 'batch':
      return splitBatch(statement.tokens).flatMap((inner) => tablesOf(inner, defaultKeyspace));
    default:
      return [];
  }
}

/** Where the table name of a DML statement starts. */
function tableIndex(kind: 'select' | 'insert' | 'update' | 'delete', tokens: CqlToken[]): number {
  switch (kind) {
    case 'select':
    case 'delete':
      return afterWord(tokens, 'from', 1);
    case 'insert':
      return afterWord(tokens, 'into', 1);
    case 'update':
      return 1;
  }
}

function tableAccess(
  permission: 'SELECT' | 'MODIFY',
  tokens: CqlToken[],
  at: number,
  defaultKeyspace: string | undefined,
): Requirement[] {
  const ref = qualifiedAt(tokens, at, defaultKeyspace);
  if (!ref) return [{ kind: 'superuser', reason: 'a statement whose table cannot be determined' }];
  const { keyspace, name } = ref;
  if (PRIVATE_KEYSPACES.has(keyspace)) return [{ kind: 'superuser', reason: `access to ${keyspace}` }];
  if (SYSTEM_KEYSPACES.has(keyspace)) {
    if (
      permission === 'SELECT' &&
      (keyspace === 'system_schema' || PUBLIC_SYSTEM_TABLES.has(`${keyspace}.${name}`))
    ) {
      return [{ kind: 'allowed' }];
    }
    if (permission === 'MODIFY') return [{ kind: 'superuser', reason: `writes to ${keyspace}` }];
  }
  return [
    {
      kind: 'permission',
      permission,
      resources: tableResources(keyspace, name),
      target: `${keyspace}.${name}`,
    },
  ];
}

function schemaRequirements(
  statement: ClassifiedStatement,
  defaultKeyspace: string | undefined,
): Requirement[] {
  const change = statement.schemaChange!;
  const { tokens } = statement;
  const verb = wordAt(tokens, 0)!.toUpperCase();
  const permission = verb === 'CREATE' ? 'CREATE' : verb === 'ALTER' ? 'ALTER' : 'DROP';
  const objectWord = tokens.find(
    (t, i) =>
      i > 0 && t.kind === 'word' && !['or', 'replace', 'custom', 'if', 'not', 'exists'].includes(t.text),
  );
  const object = objectWord?.kind === 'word' ? objectWord.text : '';
  const keyspace = change.keyspace ?? (change.target === 'KEYSPACE' ? undefined : defaultKeyspace);
  if (!keyspace)
    throw new NoKeyspaceError('No keyspace specified: qualify the name or set QueryParameters.keyspace');
  if (PRIVATE_KEYSPACES.has(keyspace) || SYSTEM_KEYSPACES.has(keyspace)) {
    return [{ kind: 'superuser', reason: `schema changes in ${keyspace}` }];
  }
  if (object === 'trigger') return [{ kind: 'superuser', reason: 'triggers' }];
  switch (change.target) {
    case 'KEYSPACE':
      return permission === 'CREATE'
        ? [{ kind: 'permission', permission, resources: ['data'], target: 'ALL KEYSPACES' }]
        : [{ kind: 'permission', permission, resources: keyspaceResources(keyspace), target: keyspace }];
    case 'TABLE':
      if (object === 'index' || object === 'materialized') {
        // Index and view changes need ALTER on the base table; when the statement does not name
        // it (DROP INDEX, views), ALTER on the whole keyspace is required.
        if (object === 'index' && change.name) {
          return [
            {
              kind: 'permission',
              permission: 'ALTER',
              resources: tableResources(keyspace, change.name),
              target: `${keyspace}.${change.name}`,
            },
          ];
        }
        return [
          {
            kind: 'permission',
            permission: 'ALTER',
            resources: keyspaceResources(keyspace),
            target: keyspace,
          },
        ];
      }
      if (permission === 'CREATE') {
        return [{ kind: 'permission', permission, resources: keyspaceResources(keyspace), target: keyspace }];
      }
      return [
        {
          kind: 'permission',
          permission,
          resources: tableResources(keyspace, change.name ?? ''),
          target: `${keyspace}.${change.name}`,
        },
      ];
    case 'TYPE':
      return [{ kind: 'permission', permission, resources: keyspaceResources(keyspace), target: keyspace }];
    default: {
      // Functions and aggregates.
      const functions = {
        resources: [`functions/${keyspace}`, 'functions'],
        target: `functions in ${keyspace}`,
      };
      const out: Requirement[] = [{ kind: 'permission', permission, ...functions }];
      // CREATE OR REPLACE may replace an existing one, which Cassandra allows only with ALTER on it;
      // whether it exists is not known here, so ALTER on the keyspace's functions is required too.
      if (wordAt(tokens, 1) === 'or' && wordAt(tokens, 2) === 'replace') {
        out.push({ kind: 'permission', permission: 'ALTER', ...functions });
      }
      // An aggregate runs its state and final functions (named unqualified, in its keyspace) for
      // whoever calls it: creating one needs EXECUTE on them, as in Cassandra.
      if (change.target === 'AGGREGATE') {
        tokens.forEach((t, i) => {
          const name = identifierOf(tokens[i + 1]);
          if (t.kind === 'word' && (t.text === 'sfunc' || t.text === 'finalfunc') && name !== undefined) {
            out.push({ kind: 'execute', keyspace, name });
          }
        });
      }
      return out;
    }
  }
}

/** User-defined function calls (name followed by '(') need EXECUTE; native functions do not. */
function functionCalls(tokens: CqlToken[], defaultKeyspace: string | undefined): Requirement[] {
  const out: Requirement[] = [];
  const insertTarget = tokens.findIndex((t) => t.kind === 'word' && t.text === 'into');
  for (let i = 0; i + 1 < tokens.length; i++) {
    const next = tokens[i + 1]!;
    if (next.kind !== 'punct' || next.text !== '(') continue;
    const name = identifierOf(tokens[i]);
    if (name === undefined) continue;
    // INSERT INTO [ks.]table (columns): the table name is not a call.
    if (insertTarget >= 0 && (i === insertTarget + 1 || i === insertTarget + 3)) continue;
    const qualified = tokens[i - 1]?.kind === 'punct' && tokens[i - 1]!.text === '.';
    if (
      !qualified &&
      tokens[i]!.kind === 'word' &&
      (NATIVE_FUNCTIONS.has(name) || KEYWORDS_BEFORE_PARENS.has(name) || isBlobConversion(name))
    ) {
      continue;
    }
    const keyspace = qualified ? identifierOf(tokens[i - 2]) : defaultKeyspace;
    if (keyspace === 'system') continue;
    if (!keyspace) return [{ kind: 'superuser', reason: `a call of function ${name} outside any keyspace` }];
    out.push({ kind: 'execute', keyspace, name });
  }
  return out;
}

function isBlobConversion(name: string): boolean {
  return /^blobas\w+$/.test(name) || /^\w+asblob$/.test(name) || /^(\w+_as_blob|blob_as_\w+)$/.test(name);
}

/** The statements inside BEGIN ... BATCH ... APPLY BATCH. */
function splitBatch(tokens: CqlToken[]): ClassifiedStatement[] {
  const out: ClassifiedStatement[] = [];
  let start = -1;
  let depth = 0;
  const batchAt = tokens.findIndex((t) => t.kind === 'word' && t.text === 'batch');
  for (let i = batchAt + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct' && (t.text === '(' || t.text === '{' || t.text === '[')) depth++;
    if (t.kind === 'punct' && (t.text === ')' || t.text === '}' || t.text === ']')) depth--;
    const boundary =
      depth === 0 &&
      t.kind === 'word' &&
      (t.text === 'insert' || t.text === 'update' || t.text === 'delete' || t.text === 'apply');
    if (boundary) {
      if (start >= 0) out.push(toStatement(tokens.slice(start, i)));
      start = t.text === 'apply' ? -1 : i;
    }
  }
  if (start >= 0) out.push(toStatement(tokens.slice(start)));
  return out;
}

function toStatement(tokens: CqlToken[]): ClassifiedStatement {
  const kind = (tokens[0] as { text: string }).text as 'insert' | 'update' | 'delete';
  return { kind, tokens: tokens.filter((t) => !(t.kind === 'punct' && t.text === ';')) };
}

function wordAt(tokens: CqlToken[], i: number): string | undefined {
  const t = tokens[i];
  return t?.kind === 'word' ? t.text : undefined;
}

/** Index just after the first depth-0 occurrence of `word` at or after `from`. */
function afterWord(tokens: CqlToken[], word: string, from: number): number {
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct' && t.text === '(') depth++;
    if (t.kind === 'punct' && t.text === ')') depth--;
    if (depth === 0 && t.kind === 'word' && t.text === word) return i + 1;
  }
  return -1;
}

function qualifiedAt(
  tokens: CqlToken[],
  at: number,
  defaultKeyspace: string | undefined,
): { keyspace: string; name: string } | undefined {
  if (at < 0) return undefined;
  const first = identifierOf(tokens[at]);
  if (first === undefined) return undefined;
  const dot = tokens[at + 1];
  if (dot?.kind === 'punct' && dot.text === '.') {
    const name = identifierOf(tokens[at + 2]);
    return name === undefined ? undefined : { keyspace: first, name };
  }
  if (!defaultKeyspace)
    throw new NoKeyspaceError('No keyspace specified: qualify the table or set QueryParameters.keyspace');
  return { keyspace: defaultKeyspace, name: first };
}
