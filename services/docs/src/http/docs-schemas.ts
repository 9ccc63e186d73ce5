// The Document API's request and response JSON Schemas (schemas/docs/*.json), loaded once and
// added to the app by $id; routes reference them with { $ref: '<id>#' }.
import { readdirSync, readFileSync } from 'node:fs';

const schemaDir = new URL('../../../../schemas/docs/', import.meta.url);

export interface JsonSchemaDocument {
  $id: string;
  [key: string]: unknown;
}

let loaded: JsonSchemaDocument[] | undefined;

export function docsSchemas(): JsonSchemaDocument[] {
  loaded ??= readdirSync(schemaDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, schemaDir), 'utf8')) as JsonSchemaDocument);
  return loaded;
}

export const ref = (id: string) => ({ $ref: `${id}#` });
