// Query parameters shared by the Document API routes, checked with Stargate's rules and messages
// (its bean-validation messages come out as "Request invalid: ...").
import { MAX_TTL_SECONDS } from '../../../common/src/cql/write-time-limits.js';
import { ApiError } from '../../../common/src/errors/api-error.js';

export type QueryString = Record<string, string | string[] | undefined>;

/** The last value of a repeated parameter, as JAX-RS gives it. */
export function single(query: QueryString, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** `raw`, `profile`, `ttl-auto`, `count`: "true" (any case) is true, anything else false. */
export function flag(query: QueryString, name: string): boolean {
  return single(query, name)?.toLowerCase() === 'true';
}

function integer(text: string, name: string): number {
  if (!/^-?\d+$/.test(text.trim())) {
    throw new ApiError('DOCS_REQUEST_INVALID', {
      detail: `the parameter \`${name}\` must be an integer, got '${text}'`,
    });
  }
  return Number(text.trim());
}

export interface PageSizeRule {
  defaultSize: number;
  max?: number;
  /** Message when below one (Stargate words it per endpoint). */
  minimumMessage: string;
}

export function pageSize(query: QueryString, rule: PageSizeRule): { size: number; given: boolean } {
  const text = single(query, 'page-size');
  if (text === undefined) return { size: rule.defaultSize, given: false };
  const size = integer(text, 'page-size');
  if (size < 1) throw new ApiError('DOCS_REQUEST_INVALID', { detail: rule.minimumMessage });
  if (rule.max !== undefined && size > rule.max) {
    throw new ApiError('DOCS_API_GENERAL_PAGE_SIZE_EXCEEDED', { max: rule.max });
  }
  return { size, given: true };
}

/** `ttl`: a positive number of seconds, or absent. */
export function ttl(query: QueryString): number | undefined {
  const text = single(query, 'ttl');
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > MAX_TTL_SECONDS) {
    throw new ApiError('DOCS_API_INVALID_TTL_NUMBER');
  }
  return Number(text);
}
