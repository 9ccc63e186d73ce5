// CQL identifiers that come from users (keyspace, table, column names) are validated and always
// double-quoted, so no name can change the statement it is placed in.
import { ApiError } from '../errors/api-error.js';

export const MAX_IDENTIFIER_LENGTH = 222;
/** What validateSchemaName accepts, spelled for JSON Schema (ECMA and Python regexes read it alike). */
export const SCHEMA_NAME_PATTERN = '^[A-Za-z0-9_]+$';
/** What validateColumnName accepts: no control character (\p{Cc}), spelled for JSON Schema. */
export const COLUMN_NAME_PATTERN = '^[^\\u0000-\\u001f\\u007f-\\u009f]+$';
export const MAX_COLUMN_NAME_LENGTH = 65535;
const SCHEMA_NAME = new RegExp(SCHEMA_NAME_PATTERN);

/** Quotes any non-empty name, doubling inner quotes: "My ""odd"" name". */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Keyspace and table names: Cassandra only allows [A-Za-z0-9_], up to 222 characters (48 for keyspaces in practice). */
export function isValidSchemaName(name: string): boolean {
  return SCHEMA_NAME.test(name) && name.length <= MAX_IDENTIFIER_LENGTH;
}

export function validateSchemaName(name: string, what: string): string {
  if (!isValidSchemaName(name)) {
    throw new ApiError('REQUEST_INVALID', {
      detail: `Invalid ${what} name '${name}': only letters, digits and underscores are allowed`,
    });
  }
  return name;
}

/** Column and field names may hold any character except control characters. */
export function validateColumnName(name: string, what = 'column'): string {
  if (name.length === 0 || name.length > MAX_COLUMN_NAME_LENGTH || /\p{Cc}/u.test(name)) {
    throw new ApiError('REQUEST_INVALID', { detail: `Invalid ${what} name '${name}'` });
  }
  return name;
}

/** "ks"."table" */
export function qualifiedName(keyspace: string, table: string): string {
  return `${quoteIdentifier(keyspace)}.${quoteIdentifier(table)}`;
}
