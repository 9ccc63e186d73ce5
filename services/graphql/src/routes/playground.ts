// GraphiQL at /playground, loaded from this service (playground-assets.ts), never from a CDN. The
// page talks to /graphql-schema or to the endpoint named by ?endpoint=/graphql/<keyspace>, and
// sends the token typed in its Token field as X-Cassandra-Token (unless the headers editor sets
// one); the token is kept for the browser tab only (sessionStorage).
import type { FastifyInstance } from 'fastify';
import { type PlaygroundAssetUrls, registerPlaygroundAssets } from './playground-assets.js';

function page(assets: PlaygroundAssetUrls): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>GraphQL playground</title>
  <meta name="robots" content="noindex" />
  <style>
    body { margin: 0; font-family: system-ui, sans-serif; }
    #bar { display: flex; gap: 8px; align-items: center; padding: 6px 10px; background: #f3f4f6; border-bottom: 1px solid #ddd; }
    #bar input { flex: 1; font-family: monospace; padding: 4px; }
    #graphiql { height: calc(100vh - 42px); }
  </style>
  <link rel="stylesheet" href="${assets.graphiqlCss}" />
</head>
<body>
  <form id="bar">
    <label for="endpoint">Endpoint</label>
    <input id="endpoint" name="endpoint" placeholder="/graphql-schema or /graphql/&lt;keyspace&gt;" />
    <button type="submit">Open</button>
    <label for="token">Token</label>
    <input id="token" autocomplete="off" placeholder="X-Cassandra-Token (from POST /v1/auth)" />
  </form>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="${assets.react}"></script>
  <script src="${assets.reactDom}"></script>
  <script src="${assets.graphiql}"></script>
  <script>
    const requested = new URLSearchParams(location.search).get('endpoint') || '/graphql-schema';
    const endpoint = /^\\/graphql(-schema|\\/\\w+)?$/.test(requested) ? requested : '/graphql-schema';
    document.getElementById('endpoint').value = endpoint;
    const token = document.getElementById('token');
    token.value = sessionStorage.getItem('cassandra-token') || '';
    token.addEventListener('input', () => sessionStorage.setItem('cassandra-token', token.value.trim()));
    const withToken = (input, init = {}) => {
      const headers = new Headers(init.headers);
      if (token.value.trim() && !headers.has('x-cassandra-token')) headers.set('X-Cassandra-Token', token.value.trim());
      return fetch(input, { ...init, headers });
    };
    const fetcher = GraphiQL.createFetcher({ url: new URL(endpoint, location.href).toString(), fetch: withToken });
    const root = ReactDOM.createRoot(document.getElementById('graphiql'));
    // Mounted again for a new token, so that GraphiQL loads the schema with it (the query is kept).
    const render = () =>
      root.render(React.createElement(GraphiQL, { key: token.value.trim(), fetcher, shouldPersistHeaders: true }));
    token.addEventListener('change', render);
    render();
  </script>
</body>
</html>
`;
}

export function registerPlayground(app: FastifyInstance): void {
  const html = page(registerPlaygroundAssets(app));
  app.get('/playground', async (_req, reply) => reply.type('text/html; charset=utf-8').send(html));
}
