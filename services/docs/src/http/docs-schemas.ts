// The Document API's request and response JSON Schemas (schemas/docs/*.json), loaded once and
// added to the app by $id; routes reference them with { $ref: '<id>#' }.
import { type SharedSchema, sharedSchemas } from '../../../common/src/http/shared-schemas.js';

export { ref } from '../../../common/src/http/shared-schemas.js';

export function docsSchemas(): SharedSchema[] {
  return sharedSchemas('docs');
}
