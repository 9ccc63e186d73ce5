/** TypeScript declarations (`paths`, `components`, `operations`) for an OpenAPI document or its URL. */
export function generateTypes(document: object | URL): Promise<string>;
