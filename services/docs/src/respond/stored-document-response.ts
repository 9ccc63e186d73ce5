// A read of a whole document answers the stored JSON text as is, inside Stargate's envelope
// ({"documentId","data"[,"profile"]}, or only the document with raw=true): parsing and
// re-serializing it was the largest piece of the Document API's own CPU per read. The stored text
// is JSON.stringify of the parsed document (storage/document-store.ts), so this answers the same
// bytes a parse + stringify would.
import type { ExecutionProfile } from './execution-profile.js';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function storedDocumentResponse(
  documentId: string,
  json: string,
  raw: boolean,
  profile?: ExecutionProfile,
): string {
  if (raw) return json;
  const head = `{"documentId":${JSON.stringify(documentId)},"data":${json}`;
  return profile === undefined ? `${head}}` : `${head},"profile":${JSON.stringify(profile)}}`;
}
