// Stargate's response wrapper {documentId?, pageState?, data, profile?} (nulls left out), or only
// `data` when the request asked for raw=true (DA/api/v2/model/dto/DocumentResponseWrapper.java).
import type { ExecutionProfile } from './execution-profile.js';

export interface WrappedResponse {
  documentId?: string;
  pageState?: string;
  data: unknown;
  profile?: ExecutionProfile;
}

export function wrapResponse(response: WrappedResponse, raw: boolean): unknown {
  if (raw) return response.data;
  const out: Record<string, unknown> = {};
  if (response.documentId !== undefined) out.documentId = response.documentId;
  if (response.pageState !== undefined) out.pageState = response.pageState;
  out.data = response.data;
  if (response.profile !== undefined) out.profile = response.profile;
  return out;
}
