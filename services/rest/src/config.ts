// The REST API's settings (schemas/config/common.json + api-common.json + rest.json), loaded once
// in main.ts and passed down.
import type { ApiCommonConfig } from '../../common/src/api/api-config.js';

export interface RestConfig extends ApiCommonConfig {
  port: number;
  cqlEnabled: boolean;
  bodyLimitBytes: number;
  maxPageSize: number;
  compactMapData: boolean;
  bulkInsertConcurrency: number;
  bulkInsertMaxRows: number;
}

export const restConfigSchemas = ['common', 'api-common', 'rest'] as const;
