// What every storage call of one HTTP request carries: the caller's token (passed to the bridge
// as-is), an optional recorder for `profile=true`, and the abort signal of the request.
import type { RequestOptions } from '../../../common/src/bridge/bridge-client.js';
import type { QueryRecorder } from '../respond/execution-profile.js';

export interface RequestContext {
  token: string;
  recorder?: QueryRecorder;
  signal?: AbortSignal;
}

export function bridgeOptions(ctx: RequestContext, idempotent: boolean): RequestOptions {
  return { token: ctx.token, signal: ctx.signal, idempotent };
}
