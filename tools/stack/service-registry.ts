// Every process `npm start` can run: its entry files (the TypeScript source, and the compiled
// bundle `npm run build` writes), its ports (each from an environment variable with Stargate's
// default) and where it answers "ready".
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { productionNodeArgs, productionNodeOptions } from '../build/node-options.js';

export interface ServicePort {
  env: string;
  default: number;
  protocol: 'http' | 'grpc';
  /** What the port is for, shown in the URL list. */
  label: string;
}

export interface ServiceDefinition {
  name: string;
  kind: 'bridge' | 'api';
  /** TypeScript entry file, relative to the repository root (or absolute); run through tsx. */
  entry: string;
  /** Compiled entry (`npm run build`), relative to the repository root (or absolute); run with node. */
  compiledEntry: string;
  /** Extra arguments after the entry file. */
  args?: string[];
  ports: ServicePort[];
  /** Env name of the HTTP port that serves /health/live and /health/ready. */
  healthPortEnv: string;
}

export const SERVICES: readonly ServiceDefinition[] = [
  {
    name: 'bridge',
    kind: 'bridge',
    entry: 'services/bridge/src/main.ts',
    compiledEntry: 'dist/bridge/main.js',
    ports: [
      { env: 'BRIDGE_HTTP_PORT', default: 8081, protocol: 'http', label: 'auth, health, metrics' },
      { env: 'BRIDGE_GRPC_PORT', default: 8091, protocol: 'grpc', label: 'StargateBridge' },
    ],
    healthPortEnv: 'BRIDGE_HTTP_PORT',
  },
  {
    name: 'rest',
    kind: 'api',
    entry: 'services/rest/src/main.ts',
    compiledEntry: 'dist/rest/main.js',
    ports: [{ env: 'REST_PORT', default: 8082, protocol: 'http', label: 'REST v2, Swagger UI' }],
    healthPortEnv: 'REST_PORT',
  },
  {
    name: 'docs',
    kind: 'api',
    entry: 'services/docs/src/main.ts',
    compiledEntry: 'dist/docs/main.js',
    ports: [{ env: 'DOCS_PORT', default: 8180, protocol: 'http', label: 'Document API v2, Swagger UI' }],
    healthPortEnv: 'DOCS_PORT',
  },
  {
    name: 'graphql',
    kind: 'api',
    entry: 'services/graphql/src/main.ts',
    compiledEntry: 'dist/graphql/main.js',
    ports: [{ env: 'GRAPHQL_PORT', default: 8080, protocol: 'http', label: 'GraphQL, playground' }],
    healthPortEnv: 'GRAPHQL_PORT',
  },
  {
    name: 'grpc',
    kind: 'api',
    entry: 'services/grpc/src/main.ts',
    compiledEntry: 'dist/grpc/main.js',
    ports: [
      { env: 'GRPC_PORT', default: 8090, protocol: 'grpc', label: 'stargate.Stargate' },
      { env: 'GRPC_ADMIN_PORT', default: 8094, protocol: 'http', label: 'health, metrics' },
    ],
    healthPortEnv: 'GRPC_ADMIN_PORT',
  },
];

export const DEFAULT_APIS = 'rest,docs,graphql,grpc';

export class UnknownApiError extends Error {
  constructor(
    readonly unknown: readonly string[],
    readonly known: readonly string[],
  ) {
    super(
      `APIS names unknown API${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}; ` +
        `known: ${known.join(', ')} (comma-separated, empty for none)`,
    );
    this.name = 'UnknownApiError';
  }
}

/** The APIs named by the APIS value (undefined: all of them; empty: none), in registry order. */
export function selectApis(
  apis: string | undefined,
  registry: readonly ServiceDefinition[] = SERVICES,
): ServiceDefinition[] {
  const known = registry.filter((s) => s.kind === 'api');
  const names = (apis ?? DEFAULT_APIS)
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name.length > 0);
  const unknown = names.filter((name) => !known.some((s) => s.name === name));
  if (unknown.length > 0) {
    throw new UnknownApiError(
      unknown,
      known.map((s) => s.name),
    );
  }
  return known.filter((s) => names.includes(s.name));
}

export function bridgeOf(registry: readonly ServiceDefinition[] = SERVICES): ServiceDefinition | undefined {
  return registry.find((s) => s.kind === 'bridge');
}

/** `compiled`: the bundle with plain node (as in production); `tsx`: the TypeScript sources through tsx. */
export type Runner = 'compiled' | 'tsx';

/** The entry file a runner starts, relative to the root as written in the registry. */
export function entryOf(service: ServiceDefinition, runner: Runner = 'compiled'): string {
  return runner === 'compiled' ? service.compiledEntry : service.entry;
}

export function entryPath(service: ServiceDefinition, root: string, runner: Runner = 'compiled'): string {
  const entry = entryOf(service, runner);
  return isAbsolute(entry) ? entry : join(root, entry);
}

export function entryExists(service: ServiceDefinition, root: string, runner: Runner = 'compiled'): boolean {
  return existsSync(entryPath(service, root, runner));
}

/** node's arguments before the service's own: the production flags NODE_OPTIONS cannot carry, then
 *  the entry, behind tsx's loader when run from source (tsx runs in the same V8: the flags apply). */
export function nodeArgs(service: ServiceDefinition, root: string, runner: Runner = 'compiled'): string[] {
  const entry = entryPath(service, root, runner);
  const flags = productionNodeArgs(service.name);
  return runner === 'compiled' ? [...flags, entry] : [...flags, '--import', 'tsx', entry];
}

/** NODE_OPTIONS of a service: its production V8 flags (heap cap, young generation), whichever the
 *  runner, so memory behaves locally as it does shipped. The user's own NODE_OPTIONS are kept
 *  (--enable-source-maps, --trace-warnings, ...) and come last: V8 takes a flag's last value, so
 *  theirs win over ours (NODE_OPTIONS=--max-old-space-size=1024 npm start lifts the cap). */
export function nodeOptions(service: ServiceDefinition, inherited: string | undefined): string {
  const own = inherited?.trim();
  return own ? `${productionNodeOptions(service.name)} ${own}` : productionNodeOptions(service.name);
}

export function portOf(service: ServiceDefinition, envName: string, env: NodeJS.ProcessEnv): number {
  const port = service.ports.find((p) => p.env === envName);
  const fromEnv = env[envName];
  if (fromEnv !== undefined && fromEnv !== '' && Number.isInteger(Number(fromEnv))) return Number(fromEnv);
  return port?.default ?? 0;
}

export function healthUrl(service: ServiceDefinition, env: NodeJS.ProcessEnv, path: string): string {
  return `http://127.0.0.1:${portOf(service, service.healthPortEnv, env)}${path}`;
}

/** "rest: http://127.0.0.1:8082 (REST v2, Swagger UI)" lines for a ready service. */
export function describeUrls(service: ServiceDefinition, env: NodeJS.ProcessEnv): string {
  return service.ports
    .map((p) => {
      const port = portOf(service, p.env, env);
      const url = p.protocol === 'http' ? `http://127.0.0.1:${port}` : `grpc://127.0.0.1:${port} (h2c)`;
      return `${url} [${p.label}]`;
    })
    .join(', ');
}
