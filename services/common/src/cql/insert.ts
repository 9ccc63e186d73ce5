// INSERT statements: columns and bound values, optional IF NOT EXISTS, TTL and timestamp.
import type { Value } from '../proto/generated/stargate/Value.js';
import { qualifiedName, quoteIdentifier } from './identifier.js';

export interface InsertSpec {
  keyspace: string;
  table: string;
  values: ReadonlyArray<{ column: string; value: Value }>;
  ifNotExists?: boolean;
  ttlSeconds?: number;
  timestampMicros?: string;
}

export function buildInsert(spec: InsertSpec): { cql: string; values: Value[] } {
  const values = spec.values.map((v) => v.value);
  const columns = spec.values.map((v) => quoteIdentifier(v.column)).join(', ');
  let cql = `INSERT INTO ${qualifiedName(spec.keyspace, spec.table)} (${columns}) VALUES (${spec.values.map(() => '?').join(', ')})`;
  if (spec.ifNotExists) cql += ' IF NOT EXISTS';
  cql += usingClause(spec.ttlSeconds, spec.timestampMicros, values);
  return { cql, values };
}

function usingClause(
  ttlSeconds: number | undefined,
  timestampMicros: string | undefined,
  values: Value[],
): string {
  const parts: string[] = [];
  if (ttlSeconds !== undefined) {
    parts.push('TTL ?');
    values.push({ int: ttlSeconds });
  }
  if (timestampMicros !== undefined) {
    parts.push('TIMESTAMP ?');
    values.push({ int: timestampMicros });
  }
  return parts.length ? ` USING ${parts.join(' AND ')}` : '';
}
