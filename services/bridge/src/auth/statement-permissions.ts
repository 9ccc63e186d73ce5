// What running a statement requires under Cassandra's permission model: which permission on which
// resource (a table, its keyspace, all keyspaces, functions), or superuser rights. Anything this
// cannot classify with certainty requires superuser rights: deny by default.
import { PRIVATE_KEYSPACES, SYSTEM_KEYSPACES } from '../../../common/src/auth/private-keyspaces.js';
import { isValidSchemaName } from '../../../common/src/cql/identifier.js';
import type { ClassifiedStatement } from '../cql/classify-statement.js';
import { type CqlToken, identifierOf } from '../cql/tokenize-cql.js';
import { type ExecuteRequirement, functionCalls } from './function-calls.js';

export type Requirement =
  | { kind: 'allowed' }
  | { kind: 'superuser'; reason: string }
  | { kind: 'permission'; permission: string; resources: string[]; target: string }
  | ExecuteRequirement;

/**
 * Columns whose values a statement returns or filters on, for dynamic data masking: a SELECT
 * returns its selection and filters on its WHERE clause; a conditional write returns the columns of
 * its conditions, or the whole row for IF [NOT] EXISTS. '*': every column.
 */
export interface ColumnUse {
  keyspace: string;
  table: string;
  returns: '*' | string[];
  filters: string[];
}

/** The statement cannot run as given (no keyspace, or an invalid one): INVALID_ARGUMENT. */
export class NoKeyspaceError extends Error {}

// Readable by every authenticated role: drivers need them to connect and learn the schema.
const PUBLIC_SYSTEM_TABLES = new Set(['system.local', 'system.peers', 'system.peers_v2']);

export function tableResources(keyspace: string, table: string): string[] {
  return [`data/${keyspace}/${table}`, `data/${keyspace}`, 'data'];
}

export function keyspaceResources(keyspace: string): string[] {
  return [`data/${keyspace}`, 'data'];
}

/**
 * What running the statement requires. defaultKeyspace is QueryParameters.keyspace: the bridge's
 * client for it ran USE "<keyspace>", so the statement runs there whatever it names.
 */
export function requirementsOf(
  statement: ClassifiedStatement,
  defaultKeyspace: string | undefined,
): Requirement[] {
  if (defaultKeyspace !== undefined && defaultKeyspace !== '') {
    if (!isValidSchemaName(defaultKeyspace)) {
      throw new NoKeyspaceError(
        'Invalid keyspace name in QueryParameters.keyspace: only letters, digits and underscores are ' +
          `allowed, got '${defaultKeyspace}'`,
      );
    }
    if (PRIVATE_KEYSPACES.has(defaultKeyspace)) {
      return [{ kind: 'superuser', reason: `statements run in keyspace ${defaultKeyspace}` }];
    }
  }
  return statementRequirements(statement, defaultKeyspace || undefined);
}

function statementRequirements(
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
      // Refused unless superuser anyway: the functions it calls change nothing.
      if (access.some((r) => r.kind === 'superuser')) return access;
      return [...access, ...functionCalls(tokens, functionKeyspace)];
    }
    case 'truncate':
      return tableAccess('MODIFY', tokens, wordAt(tokens, 1) === 'table' ? 2 : 1, defaultKeyspace);
    case 'batch':
      return splitBatch(tokens).flatMap((inner) => statementRequirements(inner, defaultKeyspace));
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

/** The columns each table of the statement returns or filters on (see ColumnUse); empty for other kinds. */
export function columnUses(statement: ClassifiedStatement, defaultKeyspace: string | undefined): ColumnUse[] {
  const { kind, tokens } = statement;
  if (kind === 'batch') return splitBatch(tokens).flatMap((inner) => columnUses(inner, defaultKeyspace));
  if (kind !== 'select' && kind !== 'insert' && kind !== 'update' && kind !== 'delete') return [];
  const ref = qualifiedAt(tokens, tableIndex(kind, tokens), defaultKeyspace);
  if (!ref || SYSTEM_KEYSPACES.has(ref.keyspace) || PRIVATE_KEYSPACES.has(ref.keyspace)) return [];
  const use = { keyspace: ref.keyspace, table: ref.name };
  if (kind === 'select') {
    const from = afterWord(tokens, 'from', 1) - 1;
    const where = afterWord(tokens, 'where', from);
    const selection = tokens.slice(1, from);
    const everything = atDepthZero(selection).some((t) => t.kind === 'punct' && t.text === '*');
    return [
      {
        ...use,
        returns: everything ? '*' : identifiersIn(selection),
        filters: where < 0 ? [] : identifiersIn(tokens.slice(where)),
      },
    ];
  }
  // A conditional write answers with the current values of the row it did not change.
  const at = afterWord(tokens, 'if', 1);
  if (at < 0) return [];
  const exists = tokens[at]?.text === 'exists' || tokens[at + 1]?.text === 'exists';
  return [{ ...use, returns: exists ? '*' : identifiersIn(tokens.slice(at)), filters: [] }];
}

/** Every name in the clause (keywords too: a column may be named like an unreserved keyword). */
function identifiersIn(tokens: CqlToken[]): string[] {
  return [...new Set(tokens.flatMap((t) => (t.kind === 'word' || t.kind === 'quoted' ? [t.text] : [])))];
}

function atDepthZero(tokens: CqlToken[]): CqlToken[] {
  let depth = 0;
  return tokens.filter((t) => {
    if (t.kind === 'punct' && (t.text === '(' || t.text === '[' || t.text === '{')) depth++;
    if (t.kind === 'punct' && (t.text === ')' || t.text === ']' || t.text === '}')) depth--;
    return depth === 0;
  });
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

/** The statements inside BEGIN ... BATCH ... APPLY BATCH. */
export function splitBatch(tokens: CqlToken[]): ClassifiedStatement[] {
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
