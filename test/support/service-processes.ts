// The bridge and an API as their own processes (from source, through tsx) on free loopback ports,
// against the run's Cassandra: for tests about what only a process shows (its heap limit, its
// exit), with the production V8 flags of tools/build/node-options.ts. The caller stops them.
import { afterAll, beforeAll } from 'vitest';
import { type SpawnedService, spawnService } from '../../bench/lib/spawn-service.js';
import { productionEnv, productionNodeArgs } from '../../tools/build/node-options.js';
import { freePort } from '../integration/build/support/compiled-process.js';
import { loginAt, testContactPoints } from './bridge-harness.js';

export interface BridgeProcess {
  service: SpawnedService;
  /** host:port of its gRPC server (BRIDGE_ADDRESS of an API). */
  grpcAddress: string;
  /** A token of cassandra/cassandra. */
  token: string;
}

export interface ApiProcess {
  service: SpawnedService;
  /** The API's own port: HTTP for REST, Docs and GraphQL, gRPC for the gRPC API. */
  port: number;
}

type ApiName = 'rest' | 'docs' | 'graphql' | 'grpc';

const PORT_ENV: Record<ApiName, string> = {
  rest: 'REST_PORT',
  docs: 'DOCS_PORT',
  graphql: 'GRAPHQL_PORT',
  grpc: 'GRPC_PORT',
};

function productionFlags(service: string): { env: Record<string, string>; nodeArgs: string[] } {
  return {
    env: productionEnv(service),
    nodeArgs: [...productionNodeArgs(service)],
  };
}

/** `env`: settings beyond the defaults (e.g. BRIDGE_JWT_JWKS_URL, BRIDGE_TENANT_KEYSPACES). */
export async function startBridgeProcess(env: Record<string, string> = {}): Promise<BridgeProcess> {
  const grpc = await freePort();
  const http = await freePort();
  const flags = productionFlags('bridge');
  const service = await spawnService(
    'services/bridge/src/main.ts',
    {
      ...flags.env,
      BIND_HOST: '127.0.0.1',
      BRIDGE_GRPC_PORT: String(grpc),
      BRIDGE_HTTP_PORT: String(http),
      CASSANDRA_CONTACT_POINTS: testContactPoints(),
      LOG_LEVEL: 'error',
      ...env,
    },
    `http://127.0.0.1:${http}/health/ready`,
    60_000,
    { nodeArgs: flags.nodeArgs },
  );
  const token = await loginAt(`http://127.0.0.1:${http}`, 'cassandra', 'cassandra');
  return { service, grpcAddress: `127.0.0.1:${grpc}`, token };
}

/** `env`: settings beyond the defaults (e.g. TENANT_SOURCE). */
export async function startApiProcess(
  api: ApiName,
  bridge: BridgeProcess,
  env: Record<string, string> = {},
): Promise<ApiProcess> {
  const port = await freePort();
  // The gRPC API answers its health checks on an HTTP port of its own.
  const healthPort = api === 'grpc' ? await freePort() : port;
  const flags = productionFlags(api);
  const service = await spawnService(
    `services/${api}/src/main.ts`,
    {
      ...flags.env,
      BIND_HOST: '127.0.0.1',
      BRIDGE_ADDRESS: bridge.grpcAddress,
      [PORT_ENV[api]]: String(port),
      ...(api === 'grpc' ? { GRPC_ADMIN_PORT: String(healthPort) } : {}),
      LOG_LEVEL: 'error',
      ...env,
    },
    `http://127.0.0.1:${healthPort}/health/ready`,
    60_000,
    { nodeArgs: flags.nodeArgs },
  );
  return { service, port };
}

/** Still running: neither exited nor killed by a signal. */
export function isRunning(service: SpawnedService): boolean {
  return service.child.exitCode === null && service.child.signalCode === null;
}

export interface ProcessPair {
  bridge: BridgeProcess;
  api: ApiProcess;
}

export interface ProcessSettings {
  /** Environment of the bridge beyond the defaults. */
  bridge?: Record<string, string>;
  /** Environment of the API beyond the defaults. */
  api?: Record<string, string>;
}

/**
 * Starts the bridge and `api` as processes before the file's tests and stops them after; the
 * returned object is filled once they are up.
 */
export function useServiceProcesses(api: ApiName, settings: ProcessSettings = {}): ProcessPair {
  const pair = {} as ProcessPair;
  beforeAll(async () => {
    pair.bridge = await startBridgeProcess(settings.bridge);
    pair.api = await startApiProcess(api, pair.bridge, settings.api);
  }, 180_000);
  afterAll(async () => {
    await pair.api?.service.stop();
    await pair.bridge?.service.stop();
  });
  return pair;
}

/** A JSON request to the HTTP API process, with the bridge's cassandra token; the body parsed. */
export function apiCaller(processes: ProcessPair) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${processes.api.port}${path}`, {
      method,
      headers: {
        'x-cassandra-token': processes.bridge.token,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read the JSON they receive.
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
  };
}
