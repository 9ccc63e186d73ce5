// The floor of the GraphQL rows (issue 19), a child process of the benchmark: the least an
// application can do to answer the GraphQL rows' queries on /graphql/bench — the point read
// (`query read($k: Int) { kv(value: { k: $k }) { values { k v } } }`) and the page read
// (`pages(value: { pk: $pk }, options: { pageSize: n }) { values { pk ck v } pageState }`) — with the
// gateway's building blocks: Fastify, Mercurius with its query cache and graphql-jit, and
// cassandra-driver in the same process. A hand-written schema of two tables, no token check, no
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
  input pagesInput { pk: Int, ck: Int, v: String }
  input QueryOptions { pageSize: Int, pageState: String }
  type pages { pk: Int, ck: Int, v: String }
  type pagesResult { values: [pages], pageState: String }
  type Query {
    kv(value: kvInput): kvResult
    pages(value: pagesInput, options: QueryOptions): pagesResult
  }
`;

const client = benchDriverClient(process.env.CASSANDRA_CONTACT_POINTS ?? '127.0.0.1:9042');
const KV_CQL = `SELECT k, v FROM ${KEYSPACE}.kv WHERE k = ?`;
const PAGES_CQL = `SELECT pk, ck, v FROM ${KEYSPACE}.pages WHERE pk = ?`;

const resolvers = {
  Query: {
    kv: async (_root: unknown, args: { value?: { k?: number } }) => {
      const rs = await client.execute(KV_CQL, [args.value?.k], { prepare: true });
      return { values: rs.rows.map((row) => ({ k: row.get('k'), v: row.get('v') })) };
    },
    pages: async (
      _root: unknown,
      args: { value?: { pk?: number }; options?: { pageSize?: number; pageState?: string } },
    ) => {
      const rs = await client.execute(PAGES_CQL, [args.value?.pk], {
        prepare: true,
        fetchSize: args.options?.pageSize ?? 100,
        pageState: args.options?.pageState
          ? Buffer.from(args.options.pageState, 'base64').toString('hex')
          : undefined,
      });
      return {
        values: rs.rows.map((row) => ({ pk: row.get('pk'), ck: row.get('ck'), v: row.get('v') })),
        pageState: rs.pageState ? Buffer.from(rs.pageState, 'hex').toString('base64') : null,
      };
    },
  },
};

const app = Fastify({ logger: false });
// As the GraphQL API: Mercurius's cache of parsed and validated queries, graphql-jit after one run.
await app.register(mercurius, { schema, resolvers, path: `/graphql/${KEYSPACE}`, jit: 1 });
await serveUntilDisconnect(app, () => client.shutdown());
