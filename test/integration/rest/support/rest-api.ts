// Starts a real bridge and the REST API (port 0) against the run's Cassandra, and talks to it as
// a client would: fetch with the X-Cassandra-Token of the superuser.
import type { RunningHttpApi } from '../../../../services/common/src/api/start-http-api.js';
import { startTestBridge, type TestBridge } from '../../../support/bridge-harness.js';
import { startRestHttpApi } from '../../../support/rest-http-api.js';

export interface RestResponse {
  status: number;
  text: string;
  /** Parsed JSON body (undefined when empty); tests assert it field by field. */
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against literals
  body: any;
  headers: Headers;
}

export interface RestApi {
  url: string;
  token: string;
  bridge: TestBridge;
  /** The API as main.ts runs it (its bridge client, its drain). */
  running: RunningHttpApi;
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<RestResponse>;
  get(path: string): Promise<RestResponse>;
  /** Requests the API counts in flight (MAX_IN_FLIGHT_REQUESTS). */
  inFlight(): number;
  post(path: string, body?: unknown): Promise<RestResponse>;
  close(): Promise<void>;
}

/** `bridge`: reuse another instance's bridge (it stays open when this instance closes). */
export async function startRestApi(
  env: Record<string, string> = {},
  shared?: { bridge: TestBridge },
): Promise<RestApi> {
  const bridge = shared?.bridge ?? (await startTestBridge());
  const api = await startRestHttpApi({
    BRIDGE_ADDRESS: bridge.address,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const url = `http://127.0.0.1:${api.port}`;
  const request = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<RestResponse> => {
    const init: RequestInit = { method, headers: { 'x-cassandra-token': bridge.token, ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${url}${path}`, init);
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, text, body: parsed, headers: res.headers };
  };
  return {
    url,
    token: bridge.token,
    bridge,
    running: api,
    request,
    get: (path) => request('GET', path),
    inFlight: () => api.inFlight.current,
    post: (path, body) => request('POST', path, body),
    async close() {
      await api.close();
      if (!shared) await bridge.close();
    },
  };
}

/** ?where=… from an object. */
export function where(conditions: unknown): string {
  return `where=${encodeURIComponent(JSON.stringify(conditions))}`;
}
