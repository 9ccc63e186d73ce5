// The Document API's settings (schemas/config/common.json + api-common.json + docs.json), loaded
// once in main.ts and passed down.
import type { ApiCommonConfig } from '../../common/src/api/api-config.js';

export interface DocsConfig extends ApiCommonConfig {
  port: number;
  bodyLimitBytes: number;
  maxDepth: number;
  maxArrayLength: number;
  /** Largest page-size of a collection search. */
  maxPageSize: number;
  /** Rows fetched from Cassandra per internal page of a search. */
  maxSearchPageSize: number;
  searchMaxRowsPerRequest: number;
  maxDocumentLeaves: number;
  maxSortDocuments: number;
  maxCountRows: number;
  batchWriteConcurrency: number;
}

export const docsConfigSchemas = ['common', 'api-common', 'docs'] as const;

/** The limits the document, path and search modules need (a subset of the config). */
export type DocsLimits = Pick<
  DocsConfig,
  | 'maxDepth'
  | 'maxArrayLength'
  | 'maxPageSize'
  | 'maxSearchPageSize'
  | 'searchMaxRowsPerRequest'
  | 'maxDocumentLeaves'
  | 'maxSortDocuments'
  | 'maxCountRows'
  | 'batchWriteConcurrency'
>;
