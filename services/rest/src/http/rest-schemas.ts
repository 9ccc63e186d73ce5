// The REST API's request and response JSON Schemas (schemas/rest/*.json), loaded once. Routes
// reference them by $id ("TableAdd#"); OpenAPI lists them under the same names.
import { readdirSync, readFileSync } from 'node:fs';

const schemaDir = new URL('../../../../schemas/rest/', import.meta.url);

export interface SharedSchema {
  $id: string;
  [keyword: string]: unknown;
}

let loaded: SharedSchema[] | undefined;

export function restSchemas(): SharedSchema[] {
  loaded ??= readdirSync(schemaDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, schemaDir), 'utf8')) as SharedSchema);
  return loaded;
}

/** `{ $ref: 'Name#' }` */
export function ref(id: string): { $ref: string } {
  return { $ref: `${id}#` };
}
