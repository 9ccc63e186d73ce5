// Arguments of the DDL mutations as GraphQL hands them over: lists may hold nulls, numbers are
// checked here (the schema only says Int).

import type { DataTypeInput } from '../../translate/data-types.js';
import { ValueError } from '../../translate/graphql-values.js';

export interface ColumnInput {
  name: string;
  type: DataTypeInput;
}

export function isPresent<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

/** The list's present elements; a ValueError naming the argument when there are none. */
export function nonEmpty<T>(list: Array<T | null> | null | undefined, argument: string): T[] {
  const present = (list ?? []).filter(isPresent);
  if (present.length === 0) throw new ValueError(`${argument} must contain at least one element`);
  return present;
}

export function positive(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 1) throw new ValueError(`${what} must be a positive integer, got ${n}`);
  return n;
}
