// TypeScript declarations (openapi-typescript's `paths`, `components`, `operations`) for an
// OpenAPI document given as an object or a URL. Kept in its own package so that openapi-typescript
// resolves the TypeScript 5 it needs (its compiler API) while the project compiles with TypeScript 7.
import openapiTS, { astToString } from 'openapi-typescript';

/** @param {object | URL} document @returns {Promise<string>} */
export async function generateTypes(document) {
  return astToString(await openapiTS(document));
}
