// The floor of the GraphQL rows (issue 19), a child process of the benchmark: the least an
// application can do to answer the point-read query of the GraphQL rows
// (`query read($k: Int) { kv(value: { k: $k }) { values { k v } } }` on /graphql/bench) with the
// gateway's building blocks: Fastify, Mercurius with its query cache and graphql-jit, and
// cassandra-driver in the same process. A hand-written schema of one table, no token check, no
// bridge. Reports its port over IPC.
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { benchDriverClient } from './cassandra.js';
import { KEYSPACE } from './dataset.js';
import { serveUntilDisconnect } from './floor-server-life.js';

const schema = `
  input kvInput { k: Int, v: String }
  type kv { k: Int, v: String }
  type kvResult { values: [kv] }
  type Query { kv(value: kvInput): kvResult }
`;

const client = benchDriverClient(process.env.CASSANDRA_CONTACT_POINTS ?? '127.0.0.1:9042');
const CQL = `SELECT k, v FROM ${KEYSPACE}.kv WHERE k = ?`;

const resolvers = {
  Query: {
    kv: async (_root: unknown, args: { value?: { k?: number } }) => {
      const rs = await client.execute(CQL, [args.value?.k], { prepare: true });
      return { values: rs.rows.map((row) => ({ k: row.get('k'), v: row.get('v') })) };
    },
  },
};

const app = Fastify({ logger: false });
// As the GraphQL API: Mercurius's cache of parsed and validated queries, graphql-jit after one run.
await app.register(mercurius, { schema, resolvers, path: `/graphql/${KEYSPACE}`, jit: 1 });
await serveUntilDisconnect(app, () => client.shutdown());
