// Rewrites a CQL statement of a tenant so that it names the tenant's stored keyspaces: every
// keyspace it names (a qualified table, type, function, index or view; CREATE/ALTER/DROP KEYSPACE)
// becomes the quoted stored name, e.g. `SELECT * FROM ks.t` → `SELECT * FROM "acme_ks".t`. The
// statement is cut at the positions the CQL lexer found, so nothing else in it changes. Of the
// system keyspaces a tenant may only read system_schema (its rows are then filtered to the tenant's
// keyspaces, see tenant-operations.ts) and system.local / peers; statements this cannot classify,
// and role and permission management, are refused: their effect could reach past the tenant.

import { status as GrpcStatus } from '@grpc/grpc-js';
import { AUTH_KEYSPACE, SYSTEM_KEYSPACES } from '../../../common/src/auth/private-keyspaces.js';
import { quoteIdentifier } from '../../../common/src/cql/identifier.js';
import type { ClassifiedStatement } from '../cql/classify-statement.js';
import { type CqlToken, identifierOf } from '../cql/tokenize-cql.js';
import { BridgeError } from '../errors/bridge-error.js';
import type { TenantKeyspaces } from './tenant-keyspaces.js';

export interface ScopedStatement {
  cql: string;
  /** Reads system_schema: its rows are filtered to the tenant's keyspaces and shown undecorated. */
  schemaListing: boolean;
  /** Positions (0-based) of the `?` markers compared with keyspace_name: their values are decorated. */
  keyspaceMarkers: number[];
  /** A system_schema read restricted to one keyspace_name (which then need not be selected). */
  restricted: boolean;
  /** The tenant's keyspace names the statement uses (to tell "not yours" from "does not exist"). */
  keyspaces: string[];
}

// A qualified name `x.y` after one of these words (or followed by `(`: a function call) names a
// keyspace `x`. Elsewhere `x.y` is a UDT field (SELECT addr.city, SET addr.city = ?).
const NAME_CONTEXT = new Set([
  'from',
  'into',
  'update',
  'truncate',
  'table',
  'columnfamily',
  'type',
  'function',
  'aggregate',
  'index',
  'view',
  'on',
  'exists',
]);
// Shared by every tenant, never rewritten: Cassandra's own keyspaces and the bridge's token keyspace.
const SHARED_KEYSPACES: ReadonlySet<string> = new Set([...SYSTEM_KEYSPACES, AUTH_KEYSPACE]);
const READABLE_SYSTEM_TABLES = new Set(['local', 'peers', 'peers_v2']);

interface Edit {
  start: number;
  end: number;
  text: string;
}

export function scopeStatement(
  cql: string,
  statement: ClassifiedStatement,
  tenant: TenantKeyspaces,
): ScopedStatement {
  if (statement.kind === 'access-control' || statement.kind === 'other') {
    throw new BridgeError(
      GrpcStatus.PERMISSION_DENIED,
      `Tenant '${tenant.tenant}' may not run this statement: only statements on its own keyspaces are allowed`,
    );
  }
  const { tokens } = statement;
  const edits: Edit[] = [];
  const keyspaces = new Set<string>();
  let schemaListing = false;
  const name = (at: number, table: string | undefined, call: boolean) => {
    const token = tokens[at]!;
    const keyspace = identifierOf(token)!;
    if (SHARED_KEYSPACES.has(keyspace)) {
      const readable =
        (call && keyspace === 'system') ||
        (statement.kind === 'select' &&
          (keyspace === 'system_schema' ||
            (keyspace === 'system' && table !== undefined && READABLE_SYSTEM_TABLES.has(table))));
      if (!readable) throw tenant.notTheirs(keyspace);
      if (keyspace === 'system_schema') schemaListing = true;
      return;
    }
    keyspaces.add(keyspace);
    edits.push({ start: token.start!, end: token.end!, text: quoteIdentifier(tenant.decorate(keyspace)) });
  };

  const keyspaceAt = keyspaceStatementName(statement);
  if (keyspaceAt !== undefined) name(keyspaceAt, undefined, false);
  const seen = new Set<number>();
  for (let k = 0; k + 2 < tokens.length; k++) {
    if (seen.has(k) || !isIdent(tokens[k]) || !isPunct(tokens[k + 1], '.') || !isIdent(tokens[k + 2]))
      continue;
    const before = tokens[k - 1];
    const call = isPunct(tokens[k + 3], '(');
    if (call || (before?.kind === 'word' && NAME_CONTEXT.has(before.text))) {
      seen.add(k);
      name(k, identifierOf(tokens[k + 2]), call);
    }
  }
  const before = edits.length;
  const markers = schemaListing ? keyspaceRestrictions(tokens, tenant, edits) : [];
  return {
    cql: applyEdits(cql, edits),
    schemaListing,
    keyspaceMarkers: markers,
    restricted: markers.length > 0 || edits.length > before,
    keyspaces: [...keyspaces],
  };
}

/** CREATE / ALTER / DROP KEYSPACE [IF [NOT] EXISTS] name: where the name is. */
function keyspaceStatementName(statement: ClassifiedStatement): number | undefined {
  if (statement.schemaChange?.target !== 'KEYSPACE') return undefined;
  const { tokens } = statement;
  let i = tokens.findIndex((t) => t.kind === 'word' && (t.text === 'keyspace' || t.text === 'schema')) + 1;
  if (i <= 0) return undefined;
  if (isWord(tokens[i], 'if')) i++;
  if (isWord(tokens[i], 'not')) i++;
  if (isWord(tokens[i], 'exists')) i++;
  return isIdent(tokens[i]) ? i : undefined;
}

/**
 * `keyspace_name = ?` and `keyspace_name = 'ks'` of a system_schema read: the literal is decorated
 * here, the markers' positions are returned (their values are decorated when bound).
 */
function keyspaceRestrictions(tokens: CqlToken[], tenant: TenantKeyspaces, edits: Edit[]): number[] {
  const markers: number[] = [];
  let marker = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (isPunct(t, '?')) {
      if (identifierOf(tokens[k - 2]) === 'keyspace_name' && isPunct(tokens[k - 1], '='))
        markers.push(marker);
      marker++;
    } else if (
      t.kind === 'string' &&
      identifierOf(tokens[k - 2]) === 'keyspace_name' &&
      isPunct(tokens[k - 1], '=')
    ) {
      edits.push({ start: t.start!, end: t.end!, text: `'${tenant.decorate(t.text).replace(/'/g, "''")}'` });
    }
  }
  return markers;
}

function applyEdits(cql: string, edits: Edit[]): string {
  if (edits.length === 0) return cql;
  let out = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    out += cql.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + cql.slice(at);
}

function isIdent(token: CqlToken | undefined): boolean {
  return token?.kind === 'word' || token?.kind === 'quoted';
}

function isPunct(token: CqlToken | undefined, text: string): boolean {
  return token?.kind === 'punct' && token.text === text;
}

function isWord(token: CqlToken | undefined, text: string): boolean {
  return token?.kind === 'word' && token.text === text;
}
