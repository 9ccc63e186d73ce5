// One HTTP request as a client application sends it (fetch, keep-alive, the token header, a
// timeout), turned into an Outcome: the status, the API's error description, Retry-After, or the
// client-side failure (refused, reset, timed out) when no answer came.
import { type Outcome, shorten } from './request-record.js';

/** Longer than any deadline of the gateway (driver 12 s, bridge 30 s is never reached first). */
export const REQUEST_TIMEOUT_MS = 20_000;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  token?: string;
  body?: unknown;
  timeoutMs?: number;
}

export interface HttpAnswer {
  status: number;
  body: string;
  retryAfter?: string;
}

export async function httpCall(request: HttpRequest): Promise<HttpAnswer> {
  const headers: Record<string, string> = {};
  if (request.token) headers['x-cassandra-token'] = request.token;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(request.url, {
    method: request.method,
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    signal: AbortSignal.timeout(request.timeoutMs ?? REQUEST_TIMEOUT_MS),
  });
  const body = await res.text();
  const retryAfter = res.headers.get('retry-after') ?? undefined;
  return { status: res.status, body, ...(retryAfter !== undefined ? { retryAfter } : {}) };
}

/** The client-side failure of a request that got no HTTP answer: "ECONNREFUSED", "TIMEOUT", … */
export function networkFailure(err: unknown): Outcome {
  const error = err as Error & { cause?: { code?: string; name?: string; message?: string } };
  if (error?.name === 'TimeoutError' || error?.name === 'AbortError') {
    return { ok: false, status: 'TIMEOUT', detail: 'no answer within the client timeout' };
  }
  const cause = error?.cause;
  const status = cause?.code ?? cause?.name ?? error?.name ?? 'NETWORK_ERROR';
  return { ok: false, status, detail: shorten(cause?.message ?? error?.message ?? String(err)) };
}

/** The `description` of a {"description","code"} body, or the start of whatever the body is. */
export function errorDescription(body: string): string {
  try {
    const parsed = JSON.parse(body) as { description?: unknown; errors?: Array<{ message?: unknown }> };
    if (typeof parsed.description === 'string') return shorten(parsed.description);
    const message = parsed.errors?.[0]?.message;
    if (typeof message === 'string') return shorten(message);
  } catch {
    // not JSON: show it as is
  }
  return shorten(body);
}

/** An answer with one of the expected statuses is ok when `check` (if any) finds nothing wrong. */
export function httpOutcome(
  answer: HttpAnswer,
  expected: readonly number[],
  check?: (body: string) => string | undefined,
): Outcome {
  const status = String(answer.status);
  const retry = answer.retryAfter !== undefined ? { retryAfter: answer.retryAfter } : {};
  if (!expected.includes(answer.status)) {
    return { ok: false, status, detail: errorDescription(answer.body), ...retry };
  }
  const problem = check?.(answer.body);
  if (problem) return { ok: false, status: 'WRONG_VALUE', detail: shorten(problem), ...retry };
  return { ok: true, status, ...retry };
}

/** Runs the request and never throws: a missing answer becomes its network failure. */
export async function httpAttempt(
  request: HttpRequest,
  expected: readonly number[],
  check?: (body: string) => string | undefined,
): Promise<Outcome> {
  try {
    return httpOutcome(await httpCall(request), expected, check);
  } catch (err) {
    return networkFailure(err);
  }
}
