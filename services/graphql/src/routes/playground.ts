// GraphiQL at /playground. The page loads GraphiQL from unpkg, talks to /graphql-schema or to the
// endpoint named by ?endpoint=/graphql/<keyspace>, and keeps the X-Cassandra-Token header the
// user enters in its headers editor.
import type { FastifyInstance } from 'fastify';

const GRAPHIQL_VERSION = '3.8.3';

const PAGE = `<!doctype html>
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
  <link rel="stylesheet" href="https://unpkg.com/graphiql@${GRAPHIQL_VERSION}/graphiql.min.css" />
</head>
<body>
  <form id="bar">
    <label for="endpoint">Endpoint</label>
    <input id="endpoint" name="endpoint" placeholder="/graphql-schema or /graphql/&lt;keyspace&gt;" />
    <button type="submit">Open</button>
  </form>
  <div id="graphiql">Loading GraphiQL…</div>
  <script crossorigin src="https://unpkg.com/react@18/umd/react.production.min.js"></script>
  <script crossorigin src="https://unpkg.com/react-dom@18/umd/react-dom.production.min.js"></script>
  <script crossorigin src="https://unpkg.com/graphiql@${GRAPHIQL_VERSION}/graphiql.min.js"></script>
  <script>
    const requested = new URLSearchParams(location.search).get('endpoint') || '/graphql-schema';
    const endpoint = /^\\/graphql(-schema|\\/\\w+)?$/.test(requested) ? requested : '/graphql-schema';
    document.getElementById('endpoint').value = endpoint;
    const fetcher = GraphiQL.createFetcher({ url: new URL(endpoint, location.href).toString() });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultHeaders: JSON.stringify({ 'X-Cassandra-Token': '<paste a token from POST /v1/auth>' }, null, 2),
        shouldPersistHeaders: true,
      }),
    );
  </script>
</body>
</html>
`;

export function registerPlayground(app: FastifyInstance): void {
  app.get('/playground', async (_req, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
}
