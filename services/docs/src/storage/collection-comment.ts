// What a collection table's comment holds, as JSON: the collection's JSON schema (`schema`, the
// format Stargate used too) and, on a table written by `npm run migrate -- stargate-docs`, the
// Stargate collection it holds the documents of and whether the copy is complete.
import type { Json } from '../document/json-tree.js';

export type MigrationState = 'copying' | 'complete';

export interface CollectionComment {
  schema?: Json;
  /** The Stargate collection (a table of the same keyspace) whose documents this table holds. */
  migratedFrom?: string;
  migration?: MigrationState;
}

/** The parts of a table comment; a comment that is not ours (or not JSON) has none. */
export function parseCollectionComment(comment: string | undefined): CollectionComment {
  if (!comment) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(comment);
  } catch {
    return {};
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  const { schema, migratedFrom, migration } = parsed as Record<string, unknown>;
  const out: CollectionComment = {};
  if (schema !== undefined) out.schema = schema as Json;
  if (typeof migratedFrom === 'string' && (migration === 'copying' || migration === 'complete')) {
    out.migratedFrom = migratedFrom;
    out.migration = migration;
  }
  return out;
}

export function renderCollectionComment(comment: CollectionComment): string {
  return JSON.stringify(comment);
}
