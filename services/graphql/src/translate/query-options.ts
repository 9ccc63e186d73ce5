// The `options` arguments of queries and mutations → the bridge's QueryParameters (consistency,
// serial consistency, page size, paging state), with Stargate's defaults.
import { base64ToBytes } from '../../../common/src/codecs/base64.js';
import { Consistency } from '../../../common/src/proto/generated/stargate/Consistency.js';
import type { QueryParameters } from '../../../common/src/proto/generated/stargate/QueryParameters.js';
import { ValueError } from './graphql-values.js';

export const DEFAULT_PAGE_SIZE = 100;
const DEFAULT_CONSISTENCY = Consistency.LOCAL_QUORUM;
const DEFAULT_SERIAL_CONSISTENCY = Consistency.SERIAL;

export interface QueryOptionsInput {
  consistency?: keyof typeof Consistency | null;
  limit?: number | null;
  pageSize?: number | null;
  pageState?: string | null;
}

export interface MutationOptionsInput {
  consistency?: keyof typeof Consistency | null;
  serialConsistency?: keyof typeof Consistency | null;
  ttl?: number | null;
}

export function queryParameters(options: QueryOptionsInput | null | undefined): QueryParameters {
  const pageSize = options?.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new ValueError(`options.pageSize must be a positive integer, got ${pageSize}`);
  }
  const parameters: QueryParameters = {
    consistency: { value: Consistency[options?.consistency ?? 'LOCAL_QUORUM'] ?? DEFAULT_CONSISTENCY },
    serialConsistency: { value: DEFAULT_SERIAL_CONSISTENCY },
    pageSize: { value: pageSize },
  };
  if (options?.pageState) {
    const bytes = base64ToBytes(options.pageState);
    if (!bytes || bytes.length === 0) {
      throw new ValueError(
        `options.pageState is not a page state returned by a previous query: ${JSON.stringify(options.pageState)}`,
      );
    }
    parameters.pagingState = { value: bytes };
  }
  return parameters;
}

export function queryLimit(options: QueryOptionsInput | null | undefined): number | undefined {
  const limit = options?.limit ?? undefined;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new ValueError(`options.limit must be a positive integer, got ${limit}`);
  }
  return limit;
}

export function mutationParameters(options: MutationOptionsInput | null | undefined): QueryParameters {
  return {
    consistency: { value: Consistency[options?.consistency ?? 'LOCAL_QUORUM'] ?? DEFAULT_CONSISTENCY },
    serialConsistency: {
      value: Consistency[options?.serialConsistency ?? 'SERIAL'] ?? DEFAULT_SERIAL_CONSISTENCY,
    },
  };
}

export function mutationTtl(options: MutationOptionsInput | null | undefined): number | undefined {
  const ttl = options?.ttl ?? undefined;
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 0)) {
    throw new ValueError(`options.ttl must be a non-negative number of seconds, got ${ttl}`);
  }
  return ttl;
}
