// The wire contract of a request refused for load, the same at every layer (bridge → API → client):
// gRPC status RESOURCE_EXHAUSTED with two standard detail messages, google.rpc.ErrorInfo
// {reason: "OVERLOADED" | "RATE_LIMITED", domain: LOAD_ERROR_DOMAIN, metadata.layer} and
// google.rpc.RetryInfo {retry_delay}. The reason, not the message text, tells the two apart:
// OVERLOADED means "this server has too much in flight, retry elsewhere or later" (HTTP 503),
// RATE_LIMITED means "this caller sent too much" (HTTP 429). Both give a Retry-After.
import { decodeMessage, encodeMessage } from '../proto/proto-root.js';

export type LoadRejectionReason = 'OVERLOADED' | 'RATE_LIMITED';

/** ErrorInfo.domain of our load rejections (google.rpc.ErrorInfo: "the logical grouping"). */
export const LOAD_ERROR_DOMAIN = 'stargate-gateway';

export const ERROR_INFO_TYPE = 'google.rpc.ErrorInfo';
export const RETRY_INFO_TYPE = 'google.rpc.RetryInfo';

/** Where the request was refused: an API's edge or the bridge. */
export type LoadLayer = 'api' | 'bridge';

export interface LoadRejection {
  reason: LoadRejectionReason;
  retryAfterMs: number;
}

export interface EncodedDetail {
  typeName: string;
  bytes: Buffer;
}

export function loadRejectionDetails(rejection: LoadRejection, layer: LoadLayer): EncodedDetail[] {
  return [
    {
      typeName: ERROR_INFO_TYPE,
      bytes: encodeMessage(ERROR_INFO_TYPE, {
        reason: rejection.reason,
        domain: LOAD_ERROR_DOMAIN,
        metadata: { layer },
      }),
    },
    retryInfoDetail(rejection.retryAfterMs),
  ];
}

/** google.rpc.RetryInfo alone: also sent with an UNAVAILABLE that is worth retrying after a delay. */
export function retryInfoDetail(retryAfterMs: number): EncodedDetail {
  const ms = Math.max(0, Math.round(retryAfterMs));
  return {
    typeName: RETRY_INFO_TYPE,
    bytes: encodeMessage(RETRY_INFO_TYPE, {
      retryDelay: { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 },
    }),
  };
}

/** The delay of a google.rpc.RetryInfo among the details, or undefined without one. */
export function readRetryDelayMs(details: ReadonlyMap<string, Buffer>): number | undefined {
  const retry = details.get(RETRY_INFO_TYPE.toLowerCase()) ?? details.get(RETRY_INFO_TYPE);
  if (!retry) return undefined;
  const { retryDelay } = decodeMessage<{ retryDelay?: { seconds: string; nanos: number } }>(
    RETRY_INFO_TYPE,
    retry,
  );
  return retryDelay ? Number(retryDelay.seconds) * 1000 + Math.round(retryDelay.nanos / 1e6) : undefined;
}

/**
 * The load rejection carried by a RESOURCE_EXHAUSTED's details (keyed by proto type name, any
 * case), or undefined when it carries none of ours (e.g. a message too large).
 */
export function readLoadRejection(details: ReadonlyMap<string, Buffer>): LoadRejection | undefined {
  const info = details.get(ERROR_INFO_TYPE.toLowerCase()) ?? details.get(ERROR_INFO_TYPE);
  if (!info) return undefined;
  const { reason, domain } = decodeMessage<{ reason: string; domain: string }>(ERROR_INFO_TYPE, info);
  if (domain !== LOAD_ERROR_DOMAIN || (reason !== 'OVERLOADED' && reason !== 'RATE_LIMITED'))
    return undefined;
  return { reason, retryAfterMs: readRetryDelayMs(details) ?? 1000 };
}

/** Retry-After in whole seconds (RFC 9110 delay-seconds), never 0: "retry now" would not help. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
