// An HTTP API's request and response JSON Schemas (schemas/<api>/*.json), loaded once per API.
// The app adds them by $id; routes reference them as { $ref: '<id>#' } and OpenAPI lists them
// under the same names.
import { readdirSync, readFileSync } from 'node:fs';

const schemasRoot = new URL('../../../../schemas/', import.meta.url);

export interface SharedSchema {
  $id: string;
  [keyword: string]: unknown;
}

const loaded = new Map<string, SharedSchema[]>();

/** The schemas of one API folder under schemas/ ("rest", "docs"), sorted by file name. */
export function sharedSchemas(api: string): SharedSchema[] {
  let schemas = loaded.get(api);
  if (!schemas) {
    const dir = new URL(`${api}/`, schemasRoot);
    schemas = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as SharedSchema);
    loaded.set(api, schemas);
  }
  return schemas;
}

/** `{ $ref: 'Name#' }` */
export function ref(id: string): { $ref: string } {
  return { $ref: `${id}#` };
}
