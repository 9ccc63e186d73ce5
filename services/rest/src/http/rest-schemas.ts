// The REST API's request and response JSON Schemas (schemas/rest/*.json), loaded once. Routes
// reference them by $id ("TableAdd#"); OpenAPI lists them under the same names.
import { type SharedSchema, sharedSchemas } from '../../../common/src/http/shared-schemas.js';

export { ref, type SharedSchema } from '../../../common/src/http/shared-schemas.js';

export function restSchemas(): SharedSchema[] {
  return sharedSchemas('rest');
}
