// What each scenario sends through each API: the same logical operation (same table, same key
// distribution, same page size) as the direct cassandra-driver baseline with prepared statements.
// An operation is an async call (driver, the grpc-js harness), an HTTP request generator
// (autocannon) or a ghz call (gRPC, issue 19: a Go client whose own CPU is small and measured).
// `verify` runs one request and checks its answer before anything is measured.
import type cassandra from 'cassandra-driver';
import {
  cityCount,
  DOCS_NAMESPACE,
  KEYSPACE,
  KV_ROWS,
  PAGE_PARTITIONS,
  PAGE_ROWS,
  WRITE_KEYS,
} from './dataset.js';
import type { GhzCall } from './ghz.js';
import type { HttpRequestSpec } from './http-load.js';
import type { StargateGrpc } from './stargate-grpc.js';

export const GATEWAY_APIS = ['grpc', 'rest', 'graphql', 'docs'] as const;
export type GatewayApi = (typeof GATEWAY_APIS)[number];
/**
 * Rows beside the gRPC API on the point read (issue 19), driven by ghz: a minimal grpc-js server
 * running the same prepared read through cassandra-driver (the floor of a gRPC hop to Cassandra),
 * and the bridge's own unary ExecuteQuery (what Stargate's APIs and third-party bridge clients use).
 */
export const GRPC_REFERENCES = ['minimal-grpc', 'bridge-unary'] as const;
export type GrpcReference = (typeof GRPC_REFERENCES)[number];
/**
 * Rows beside the REST API on the point read (issue 19), driven by autocannon at every concurrency:
 * the same route built from the gateway's building blocks the plain way (minimal-rest-server.ts).
 * `fastify-driver`: Fastify running the read through cassandra-driver in one process (no hop);
 * `fastify-grpc-unary`: Fastify → one grpc-js unary call → the minimal gRPC server → the driver
 * (two processes, as the gateway, without its multiplexed stream).
 */
export const REST_REFERENCES = ['fastify-driver', 'fastify-grpc-unary'] as const;
export type RestReference = (typeof REST_REFERENCES)[number];
/** Beside the GraphQL point read, the same way: Fastify + Mercurius (cache, graphql-jit) + the driver in one process. */
export const GRAPHQL_REFERENCES = ['mercurius-driver'] as const;
export type GraphqlReference = (typeof GRAPHQL_REFERENCES)[number];
/** The floor rows driven over HTTP (autocannon); the REST ones are the Document API read's floor too. */
export type HttpReference = RestReference | GraphqlReference;
export type ApiName = 'direct' | GrpcReference | HttpReference | GatewayApi;
/** Every row a run can measure, in the order it measures and lists them: each floor row before its API's. */
export const ROW_ORDER: readonly ApiName[] = [
  'direct',
  ...GRPC_REFERENCES,
  'grpc',
  ...REST_REFERENCES,
  'rest',
  ...GRAPHQL_REFERENCES,
  'graphql',
  'docs',
];

/** What a run measures without --scenarios. */
export const SCENARIO_NAMES = [
  'point-read',
  'inline-read',
  'insert',
  'page-read',
  'doc-read',
  'doc-search',
] as const;
/** Measured only when --scenarios names them (their data takes long to load): bench/lib/ann-scenario.ts. */
export const OPTIONAL_SCENARIO_NAMES = ['ann'] as const;
export const ALL_SCENARIO_NAMES = [...SCENARIO_NAMES, ...OPTIONAL_SCENARIO_NAMES] as const;
export type ScenarioName = (typeof ALL_SCENARIO_NAMES)[number];

export type Operation =
  | { kind: 'async'; run: () => Promise<unknown>; verify: () => Promise<void> }
  | { kind: 'ghz'; call: GhzCall; verify: () => Promise<void> }
  | {
      kind: 'http';
      baseUrl: string;
      next: () => HttpRequestSpec;
      bodyOk?: (body: string) => boolean;
      verify: () => Promise<void>;
    };

/** Where ghz sends each gRPC row, and the token; absent: ghz is missing (the grpc-js harness drives the gRPC API). */
export interface GhzTargets {
  binary: string;
  token: string;
  /** host:port of each gRPC server that runs */
  targets: Partial<Record<'grpc' | GrpcReference, string>>;
  protoDir: string;
}

export interface ScenarioContext {
  direct: cassandra.Client;
  /** The grpc-js harness: answers are checked with it, and it drives the gRPC API without ghz. */
  grpc?: StargateGrpc;
  ghz?: GhzTargets;
  urls: Partial<Record<GatewayApi | HttpReference, string>>;
  token: string;
  /** The Document API collection and its size (doc scenarios only). */
  collection?: string;
  docCount?: number;
  /** Rows of the ANN table (ann scenario only). */
  annRows?: number;
}

export interface Scenario {
  name: ScenarioName;
  title: string;
  apis: readonly ApiName[];
  operation(api: ApiName, ctx: ScenarioContext): Operation;
}

/** A cheap spread of keys over [0, n): consecutive calls hit different partitions. */
export function keys(n: number): () => number {
  let i = 0;
  return () => {
    i = (i + 1) % 1_000_000_007;
    return (i * 7919) % n;
  };
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function httpVerify(
  baseUrl: string,
  spec: HttpRequestSpec,
  token: string,
  check: (status: number, body: string) => string | undefined,
): Promise<void> {
  const res = await fetch(`${baseUrl}${spec.path}`, {
    method: spec.method,
    headers: {
      'x-cassandra-token': token,
      ...(spec.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: spec.body,
    signal: AbortSignal.timeout(30_000),
  });
  const body = await res.text();
  const problem = check(res.status, body);
  if (problem)
    throw new Error(`${spec.method} ${spec.path}: ${problem} (status ${res.status}: ${body.slice(0, 300)})`);
}

export function http(
  ctx: ScenarioContext,
  api: GatewayApi | HttpReference,
  next: () => HttpRequestSpec,
  check: (status: number, body: string) => string | undefined,
  bodyOk?: (body: string) => boolean,
): Operation {
  const baseUrl = ctx.urls[api];
  assert(baseUrl, `${api} is not running`);
  return {
    kind: 'http',
    baseUrl,
    next,
    bodyOk,
    verify: () => httpVerify(baseUrl, next(), ctx.token, check),
  };
}

const graphqlNoErrors = (body: string) => !body.includes('"errors"');

function graphqlCheck(field: string, rows?: number) {
  return (status: number, body: string): string | undefined => {
    if (status !== 200) return 'not 200';
    const parsed = JSON.parse(body) as {
      data?: Record<string, { values?: unknown[]; applied?: boolean }>;
      errors?: unknown;
    };
    if (parsed.errors) return 'GraphQL errors';
    const result = parsed.data?.[field];
    if (rows === undefined) return result?.applied === true ? undefined : 'not applied';
    return result?.values?.length === rows ? undefined : `expected ${rows} rows`;
  };
}

function graphqlRequest(query: string, variables: Record<string, unknown>): HttpRequestSpec {
  return { method: 'POST', path: `/graphql/${KEYSPACE}`, body: JSON.stringify({ query, variables }) };
}

function grpcOf(ctx: ScenarioContext): StargateGrpc {
  assert(ctx.grpc, 'grpc is not running');
  return ctx.grpc;
}

/**
 * A gRPC row: ghz sends `ghzData` (JSON, its template functions vary the key) to `row`'s server;
 * without ghz the grpc-js harness runs `run` (the gRPC API only). `verify` checks one answer.
 */
function grpcOperation(
  ctx: ScenarioContext,
  row: 'grpc' | GrpcReference,
  ghzData: string,
  run: () => Promise<unknown>,
  verify: () => Promise<void>,
): Operation {
  const target = ctx.ghz?.targets[row];
  if (ctx.ghz && target) {
    const bridge = row === 'bridge-unary';
    return {
      kind: 'ghz',
      call: {
        target,
        call: bridge ? 'stargate.StargateBridge/ExecuteQuery' : 'stargate.Stargate/ExecuteQuery',
        proto: bridge ? 'bridge.proto' : 'stargate.proto',
        importPath: ctx.ghz.protoDir,
        data: ghzData,
        metadata: bridge
          ? { 'x-cassandra-token': ctx.ghz.token, 'x-source-api': 'rest' }
          : { 'x-cassandra-token': ctx.ghz.token },
      },
      verify,
    };
  }
  assert(row === 'grpc', `${row} needs ghz`);
  return { kind: 'async', run, verify };
}

/** ghz's request JSON of a query with int / string values ({{…}}: ghz template functions). */
function ghzQuery(cql: string, values: string[], pageSize?: number): string {
  return `{"cql":${JSON.stringify(cql)},"values":{"values":[${values.join(',')}]}${
    pageSize === undefined ? '' : `,"parameters":{"pageSize":${pageSize}}`
  }}`;
}

const pointRead: Scenario = {
  name: 'point-read',
  title: `point read by primary key (${KEYSPACE}.kv, ${KV_ROWS} rows)`,
  apis: ROW_ORDER.filter((api) => api !== 'docs'),
  operation(api, ctx) {
    const key = keys(KV_ROWS);
    const cql = `SELECT k, v FROM ${KEYSPACE}.kv WHERE k = ?`;
    switch (api) {
      case 'direct':
        return {
          kind: 'async',
          run: () => ctx.direct.execute(cql, [key()], { prepare: true }),
          verify: async () => {
            const rs = await ctx.direct.execute(cql, [key()], { prepare: true });
            assert(rs.rows.length === 1, 'direct point read: expected one row');
          },
        };
      case 'grpc':
      case 'minimal-grpc':
      case 'bridge-unary': {
        // The answer is checked through the gRPC API (grpc-js); the references run the same CQL.
        const grpc = grpcOf(ctx);
        const run = () => grpc.execute({ cql, values: { values: [{ int: key() }] } });
        return grpcOperation(
          ctx,
          api,
          ghzQuery(cql, [`{"int":"{{randomInt 0 ${KV_ROWS}}}"}`]),
          run,
          async () => {
            const res = await run();
            assert(res.resultSet?.rows?.length === 1, 'gRPC point read: expected one row');
          },
        );
      }
      case 'rest':
      case 'fastify-driver':
      case 'fastify-grpc-unary':
        return http(
          ctx,
          api,
          () => ({ method: 'GET', path: `/v2/keyspaces/${KEYSPACE}/kv/${key()}` }),
          (status, body) =>
            status === 200 && (JSON.parse(body) as { count?: number }).count === 1
              ? undefined
              : 'expected one row',
        );
      case 'graphql':
      case 'mercurius-driver': {
        const query = 'query read($k: Int) { kv(value: { k: $k }) { values { k v } } }';
        return http(
          ctx,
          api,
          () => graphqlRequest(query, { k: key() }),
          graphqlCheck('kv', 1),
          graphqlNoErrors,
        );
      }
      default:
        throw new Error(`point-read has no ${api} variant`);
    }
  },
};

/**
 * The GraphQL point read as Stargate's documentation writes queries, the key inline: every
 * request is a new query text (services/graphql/src/execution/inline-values.ts lifts it).
 */
const inlineRead: Scenario = {
  name: 'inline-read',
  title: `point read, GraphQL with the key written inline (a new query text per request; ${KEYSPACE}.kv)`,
  apis: ['direct', 'graphql'],
  operation(api, ctx) {
    if (api === 'direct') return pointRead.operation(api, ctx);
    if (api !== 'graphql') throw new Error(`inline-read has no ${api} variant`);
    const key = keys(KV_ROWS);
    return http(
      ctx,
      api,
      () => graphqlRequest(`{ kv(value: {k: ${key()}}) { values { k v } } }`, {}),
      graphqlCheck('kv', 1),
      graphqlNoErrors,
    );
  },
};

const insert: Scenario = {
  name: 'insert',
  title: `single-row insert (${KEYSPACE}.writes, random key of ${WRITE_KEYS})`,
  apis: ['direct', 'grpc', 'rest', 'graphql'],
  operation(api, ctx) {
    const key = keys(WRITE_KEYS);
    const value = (k: number) => `written-${k}-${'z'.repeat(32)}`;
    const cql = `INSERT INTO ${KEYSPACE}.writes (k, v) VALUES (?, ?)`;
    switch (api) {
      case 'direct': {
        const run = () => {
          const k = key();
          return ctx.direct.execute(cql, [k, value(k)], { prepare: true });
        };
        return { kind: 'async', run, verify: async () => void (await run()) };
      }
      case 'grpc': {
        const grpc = grpcOf(ctx);
        const run = () => {
          const k = key();
          return grpc.execute({ cql, values: { values: [{ int: k }, { string: value(k) }] } });
        };
        return grpcOperation(
          ctx,
          api,
          ghzQuery(cql, [
            `{"int":"{{randomInt 0 ${WRITE_KEYS}}}"}`,
            `{"string":"written-{{randomInt 0 ${WRITE_KEYS}}}-${'z'.repeat(32)}"}`,
          ]),
          run,
          async () => void (await run()),
        );
      }
      case 'rest':
        return http(
          ctx,
          api,
          () => {
            const k = key();
            return {
              method: 'POST',
              path: `/v2/keyspaces/${KEYSPACE}/writes`,
              body: JSON.stringify({ k, v: value(k) }),
            };
          },
          (status) => (status === 201 ? undefined : 'expected 201'),
        );
      case 'graphql': {
        const query =
          'mutation write($k: Int, $v: String) { insertwrites(value: { k: $k, v: $v }) { applied } }';
        return http(
          ctx,
          api,
          () => {
            const k = key();
            return graphqlRequest(query, { k, v: value(k) });
          },
          graphqlCheck('insertwrites'),
          graphqlNoErrors,
        );
      }
      default:
        throw new Error(`insert has no ${api} variant`);
    }
  },
};

const pageRead: Scenario = {
  name: 'page-read',
  title: `${PAGE_ROWS}-row page read (one partition of ${KEYSPACE}.pages)`,
  // The floor rows too: their page ÷ point ratio is the libraries' own (issue 19).
  apis: ROW_ORDER.filter((api) => api !== 'docs'),
  operation(api, ctx) {
    const key = keys(PAGE_PARTITIONS);
    const cql = `SELECT pk, ck, v FROM ${KEYSPACE}.pages WHERE pk = ?`;
    switch (api) {
      case 'direct': {
        const run = () => ctx.direct.execute(cql, [key()], { prepare: true, fetchSize: PAGE_ROWS });
        return {
          kind: 'async',
          run,
          verify: async () =>
            assert((await run()).rows.length === PAGE_ROWS, `direct: expected ${PAGE_ROWS} rows`),
        };
      }
      case 'grpc':
      case 'minimal-grpc':
      case 'bridge-unary': {
        // The answer is checked through the gRPC API (grpc-js); the references run the same CQL.
        const grpc = grpcOf(ctx);
        const run = () =>
          grpc.execute({
            cql,
            values: { values: [{ int: key() }] },
            parameters: { pageSize: { value: PAGE_ROWS } },
          });
        return grpcOperation(
          ctx,
          api,
          ghzQuery(cql, [`{"int":"{{randomInt 0 ${PAGE_PARTITIONS}}}"}`], PAGE_ROWS),
          run,
          async () =>
            assert((await run()).resultSet?.rows?.length === PAGE_ROWS, `gRPC: expected ${PAGE_ROWS} rows`),
        );
      }
      case 'rest':
      case 'fastify-driver':
      case 'fastify-grpc-unary':
        return http(
          ctx,
          api,
          () => ({ method: 'GET', path: `/v2/keyspaces/${KEYSPACE}/pages/${key()}?page-size=${PAGE_ROWS}` }),
          (status, body) =>
            status === 200 && (JSON.parse(body) as { count?: number }).count === PAGE_ROWS
              ? undefined
              : `expected ${PAGE_ROWS} rows`,
        );
      case 'graphql':
      case 'mercurius-driver': {
        const query = `query page($pk: Int) { pages(value: { pk: $pk }, options: { pageSize: ${PAGE_ROWS} }) { values { pk ck v } pageState } }`;
        return http(
          ctx,
          api,
          () => graphqlRequest(query, { pk: key() }),
          graphqlCheck('pages', PAGE_ROWS),
          graphqlNoErrors,
        );
      }
      default:
        throw new Error(`page-read has no ${api} variant`);
    }
  },
};

function collectionOf(ctx: ScenarioContext): { collection: string; docCount: number } {
  assert(ctx.collection && ctx.docCount, 'no Document API collection');
  return { collection: ctx.collection, docCount: ctx.docCount };
}

const docRead: Scenario = {
  name: 'doc-read',
  title: 'Document API read by id',
  // The REST floor rows read the same stored document (minimal-rest-server.ts).
  apis: ['direct', ...REST_REFERENCES, 'docs'],
  operation(api, ctx) {
    const { collection, docCount } = collectionOf(ctx);
    const key = keys(docCount);
    if (api === 'direct') {
      // What the Document API runs for a read by id (services/docs/src/storage/document-store.ts).
      const cql = `SELECT DISTINCT key, doc FROM ${DOCS_NAMESPACE}.${collection} WHERE key = ?`;
      const run = () => ctx.direct.execute(cql, [`p${key()}`], { prepare: true });
      return {
        kind: 'async',
        run,
        verify: async () => assert((await run()).rows.length === 1, 'direct document read: expected one row'),
      };
    }
    if (api !== 'docs' && api !== 'fastify-driver' && api !== 'fastify-grpc-unary')
      throw new Error(`doc-read has no ${api} variant`);
    return http(
      ctx,
      api,
      () => ({ method: 'GET', path: `/v2/namespaces/${DOCS_NAMESPACE}/collections/${collection}/p${key()}` }),
      (status, body) =>
        status === 200 && (JSON.parse(body) as { documentId?: string }).documentId
          ? undefined
          : 'expected a document',
    );
  },
};

export const SEARCH_PAGE_SIZE = 20;

const docSearch: Scenario = {
  name: 'doc-search',
  title: `Document API search on one field (city $eq, first ${SEARCH_PAGE_SIZE} of ~100 matches)`,
  apis: ['direct', 'docs'],
  operation(api, ctx) {
    const { collection, docCount } = collectionOf(ctx);
    const city = keys(cityCount(docCount));
    if (api === 'direct') {
      // The SAI query the Document API's search plan runs for {"city": {"$eq": …}}
      // (services/docs/src/search/plan.ts, search-executor.ts), first page only.
      const cql = `SELECT key, doc, p FROM ${DOCS_NAMESPACE}.${collection} WHERE p = 'city' AND txt = ?`;
      const run = () =>
        ctx.direct.execute(cql, [`city-${city()}`], { prepare: true, fetchSize: SEARCH_PAGE_SIZE });
      return {
        kind: 'async',
        run,
        verify: async () => assert((await run()).rows.length > 0, 'direct search: no rows'),
      };
    }
    if (api !== 'docs') throw new Error(`doc-search has no ${api} variant`);
    const path = () => {
      const where = encodeURIComponent(JSON.stringify({ city: { $eq: `city-${city()}` } }));
      return `/v2/namespaces/${DOCS_NAMESPACE}/collections/${collection}?page-size=${SEARCH_PAGE_SIZE}&where=${where}`;
    };
    return http(
      ctx,
      api,
      () => ({ method: 'GET', path: path() }),
      (status, body) => {
        if (status !== 200) return 'not 200';
        const data = (JSON.parse(body) as { data?: Record<string, unknown> }).data ?? {};
        return Object.keys(data).length === Math.min(SEARCH_PAGE_SIZE, docCount)
          ? undefined
          : 'expected a full page';
      },
    );
  },
};

export const SCENARIOS: readonly Scenario[] = [pointRead, inlineRead, insert, pageRead, docRead, docSearch];
