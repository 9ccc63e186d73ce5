// Swagger UI's request interceptor (serialized into its initializer by @fastify/swagger-ui, so it
// runs in the browser and must not use anything outside its own body): /swagger-ui?keyspace=ks
// shows REST's typed document of keyspace ks (/v2/keyspaces/ks/openapi.json), ?namespace=ns Docs'
// of namespace ns. Those documents need a token: the one the user authorized with in Swagger UI
// (kept by persistAuthorization), else one asked for once and kept for the browser tab. Every
// request then carries it as X-Cassandra-Token.

/** What Swagger UI hands a request interceptor (the fields used here). */
export interface SwaggerUiRequest {
  url: string;
  headers: Record<string, string>;
  /** Set by Swagger UI on the request that fetches the document itself. */
  loadSpec?: boolean;
}

/** The browser globals the interceptor reads. */
export interface SwaggerUiBrowser {
  location: { search: string; origin: string };
  localStorage: { getItem(key: string): string | null };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  prompt(message: string): string | null;
}

export function typedDocumentInterceptor(req: SwaggerUiRequest): SwaggerUiRequest {
  const browser = globalThis as unknown as SwaggerUiBrowser;
  const query = new URLSearchParams(browser.location.search);
  const keyspace = query.get('keyspace');
  const namespace = query.get('namespace');
  let token: string | null | undefined;
  try {
    token = JSON.parse(browser.localStorage.getItem('authorized') || '{}')?.Token?.value;
  } catch {
    token = undefined;
  }
  token = token || browser.sessionStorage.getItem('cassandraToken');
  if (req.loadSpec && (keyspace || namespace)) {
    const path = keyspace
      ? `/v2/keyspaces/${encodeURIComponent(keyspace)}/openapi.json`
      : `/v2/namespaces/${encodeURIComponent(namespace ?? '')}/openapi.json`;
    req.url = new URL(path, browser.location.origin).href;
    if (!token) {
      token = browser.prompt(
        `X-Cassandra-Token for the typed document of ${keyspace ? 'keyspace' : 'namespace'} ${keyspace || namespace}`,
      );
      if (token) browser.sessionStorage.setItem('cassandraToken', token);
    }
  }
  const named = Object.keys(req.headers).some((h) => h.toLowerCase() === 'x-cassandra-token');
  if (token && !named) req.headers['X-Cassandra-Token'] = token;
  return req;
}
