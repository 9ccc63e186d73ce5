// Authentication and authorization seen through every API: each API × each kind of caller × each
// kind of operation gets the outcome Cassandra's grants give (issue 8's matrix). The APIs run
// in this process against one real bridge and the run's Cassandra.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningHttpApi, startHttpApi } from '../../services/common/src/api/start-http-api.js';
import { loadConfig } from '../../services/common/src/config/load-config.js';
import { registerDocsApi } from '../../services/docs/src/app.js';
import { type DocsConfig, docsConfigSchemas } from '../../services/docs/src/config.js';
import {
  startTestGraphqlApi,
  type TestGraphqlApi,
} from '../integration/graphql/support/graphql-api-harness.js';
import { startTestGrpcApi, type TestGrpcApi } from '../integration/grpc/support/grpc-api-harness.js';
import { connectProto, executeQuery, tokenMetadata } from '../integration/grpc/support/proto-client.js';
import { type RestApi, startRestApi } from '../integration/rest/support/rest-api.js';
import { type AuthFixture, createAuthFixture, expiredToken } from '../support/auth-roles.js';
import { startTestBridge, type TestBridge } from '../support/bridge-harness.js';

type Outcome = 'ok' | 'unauthenticated' | 'denied' | `other ${string}`;
type Operation = 'read ks1' | 'write ks1' | 'read ks2' | 'ddl ks1';

interface ApiUnderTest {
  run(operation: Operation, token: string | undefined, caller: string): Promise<Outcome>;
}

let bridge: TestBridge;
let fx: AuthFixture;
let rest: RestApi;
let docs: RunningHttpApi;
let grpcApi: TestGrpcApi;
let graphqlApi: TestGraphqlApi;
const callerTokens: Record<string, string | undefined> = {};

function fromHttp(status: number, body: string): Outcome {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'denied';
  return `other ${status} ${body.slice(0, 200)}`;
}

async function http(url: string, method: string, path: string, token: string | undefined, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers['x-cassandra-token'] = token;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return fromHttp(res.status, await res.text());
}

const apis: Record<string, () => ApiUnderTest> = {
  rest: () => ({
    run: (op, token, caller) => {
      switch (op) {
        case 'read ks1':
          return http(rest.url, 'GET', `/v2/keyspaces/${fx.ks1}/t/1`, token);
        case 'write ks1':
          return http(rest.url, 'POST', `/v2/keyspaces/${fx.ks1}/t`, token, { k: 2, v: caller });
        case 'read ks2':
          return http(rest.url, 'GET', `/v2/keyspaces/${fx.ks2}/t/1`, token);
        default:
          return http(rest.url, 'POST', `/v2/schemas/keyspaces/${fx.ks1}/tables/t/columns`, token, {
            name: `rest_${caller}`,
            typeDefinition: 'text',
          });
      }
    },
  }),
  docs: () => {
    const url = `http://127.0.0.1:${docs.port}`;
    return {
      run: (op, token, caller) => {
        switch (op) {
          case 'read ks1':
            return http(url, 'GET', `/v2/namespaces/${fx.ks1}/collections/docs/doc1`, token);
          case 'write ks1':
            return http(url, 'PUT', `/v2/namespaces/${fx.ks1}/collections/docs/by_${caller}`, token, {
              by: caller,
            });
          case 'read ks2':
            return http(url, 'GET', `/v2/namespaces/${fx.ks2}/collections/docs/doc1`, token);
          default:
            return http(url, 'POST', `/v2/namespaces/${fx.ks1}/collections`, token, { name: `c_${caller}` });
        }
      },
    };
  },
  grpc: () => {
    const client = connectProto(grpcApi.address);
    return {
      run: async (op, token, caller) => {
        const cql = {
          'read ks1': `SELECT v FROM ${fx.ks1}.t WHERE k = 1`,
          'write ks1': `INSERT INTO ${fx.ks1}.t (k, v) VALUES (3, '${caller}')`,
          'read ks2': `SELECT v FROM ${fx.ks2}.t WHERE k = 1`,
          'ddl ks1': `ALTER TABLE ${fx.ks1}.t ADD grpc_${caller} text`,
        }[op];
        const metadata = token === undefined ? new grpc.Metadata() : tokenMetadata(token);
        const { err } = await executeQuery(client, { cql }, metadata);
        if (!err) return 'ok';
        if (err.code === grpc.status.UNAUTHENTICATED) return 'unauthenticated';
        if (err.code === grpc.status.PERMISSION_DENIED) return 'denied';
        return `other ${grpc.status[err.code]} ${err.details}`;
      },
    };
  },
};

apis.graphql = () => ({
  run: async (op, token, caller) => {
    const [path, query] = {
      'read ks1': [`/graphql/${fx.ks1}`, '{ t(value: {k: 1}) { values { v } } }'],
      'write ks1': [`/graphql/${fx.ks1}`, `mutation { insertt(value: {k: 4, v: "${caller}"}) { applied } }`],
      'read ks2': [`/graphql/${fx.ks2}`, '{ t(value: {k: 1}) { values { v } } }'],
      'ddl ks1': [
        '/graphql-schema',
        `mutation { alterTableAdd(keyspaceName: "${fx.ks1}", tableName: "t", toAdd: [{name: "gql_${caller}", type: {basic: TEXT}}]) }`,
      ],
    }[op] as [string, string];
    const res = await graphqlApi.post(path, query, undefined, { token: token ?? null });
    if (res.status === 401) return 'unauthenticated';
    const message = res.body.errors?.map((e) => e.message).join('; ');
    if (res.status === 200 && !message) return 'ok';
    if (message && /has no \w+ permission|not authorized/.test(message)) return 'denied';
    return `other ${res.status} ${message}`;
  },
});

const expected: Record<string, Outcome[]> = {
  // [read ks1, write ks1, read ks2, DDL in ks1]
  'no token': ['unauthenticated', 'unauthenticated', 'unauthenticated', 'unauthenticated'],
  'unknown token': ['unauthenticated', 'unauthenticated', 'unauthenticated', 'unauthenticated'],
  'expired token': ['unauthenticated', 'unauthenticated', 'unauthenticated', 'unauthenticated'],
  reader: ['ok', 'denied', 'denied', 'denied'],
  writer: ['ok', 'ok', 'denied', 'denied'],
  'member of a reader role': ['ok', 'denied', 'denied', 'denied'],
  superuser: ['ok', 'ok', 'ok', 'ok'],
};

beforeAll(async () => {
  bridge = await startTestBridge();
  fx = await createAuthFixture(bridge, 'matrix');
  rest = await startRestApi({}, { bridge });
  grpcApi = await startTestGrpcApi(bridge.address);
  graphqlApi = await startTestGraphqlApi(bridge.address, bridge.token);
  const docsConfig = loadConfig<DocsConfig>(docsConfigSchemas, {
    BRIDGE_ADDRESS: bridge.address,
    BIND_HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  });
  docs = await startHttpApi({
    service: 'docs',
    sourceApi: 'rest',
    config: docsConfig,
    port: 0,
    register: (app, context) => registerDocsApi(app, context, docsConfig),
  });
  const docsUrl = `http://127.0.0.1:${docs.port}`;
  for (const ks of [fx.ks1, fx.ks2]) {
    expect(
      await http(docsUrl, 'PUT', `/v2/namespaces/${ks}/collections/docs/doc1`, bridge.token, { a: 1 }),
    ).toBe('ok');
  }
  Object.assign(callerTokens, {
    'no token': undefined,
    'unknown token': crypto.randomUUID(),
    'expired token': await expiredToken(bridge, fx.roles.reader),
    reader: fx.tokens.reader,
    writer: fx.tokens.writer,
    'member of a reader role': fx.tokens.member,
    superuser: bridge.token,
  });
}, 240_000);

afterAll(async () => {
  await rest?.close();
  await docs?.close();
  await grpcApi?.close();
  await graphqlApi?.close();

  await fx?.drop();
  await bridge?.close();
});

describe.each(Object.keys(apis))('%s API', (name) => {
  it.each(Object.keys(expected))('gives the caller with %s the outcomes its grants allow', async (caller) => {
    const api = apis[name]!();
    const slug = caller.replace(/\W+/g, '_');
    const outcomes: Outcome[] = [];
    for (const op of ['read ks1', 'write ks1', 'read ks2', 'ddl ks1'] as const) {
      outcomes.push(await api.run(op, callerTokens[caller], slug));
    }
    expect(outcomes).toEqual(expected[caller]);
  });
});
