// docker-compose.yml, checked like the Kubernetes manifests: every service has an image or a
// build, a health check and existing depends_on targets; ours run the one image with the
// command of their service, publish the default ports of schemas/config, get only variables
// their schema knows (with valid values), and wait for what they use to be healthy.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { productionCommand, productionNodeOptions } from '../../../../tools/build/node-options.js';
import { allServices, apiServices, checkEnvironment, defaultPorts, propertiesFor } from './config-schemas.js';
import { repoRoot } from './paths.js';

export interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string } | string;
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null>;
  ports?: string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
  user?: string;
  read_only?: boolean;
  tmpfs?: string[] | string;
  [key: string]: unknown;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  [key: string]: unknown;
}

export function readCompose(): ComposeFile {
  return parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
}

/** Container ports a service publishes, from `host:container` or `ip:host:container`. */
export function publishedPorts(service: ComposeService): { host: number; container: number }[] {
  return (service.ports ?? []).map((mapping) => {
    const parts = String(mapping).split(':');
    return { host: Number(parts.at(-2) ?? parts.at(-1)), container: Number(parts.at(-1)) };
  });
}

export function checkCompose(compose: ComposeFile): string[] {
  const problems: string[] = [];
  const names = Object.keys(compose.services ?? {});
  for (const expected of ['cassandra', ...allServices]) {
    if (!names.includes(expected)) problems.push(`no service ${expected}`);
  }
  for (const [name, service] of Object.entries(compose.services ?? {})) {
    const say = (message: string) => problems.push(`${name}: ${message}`);
    if (!service.image && !service.build) say('neither image nor build');
    const test = service.healthcheck?.test;
    if (!test || service.healthcheck?.disable) say('no health check');
    const dependsOn: Record<string, { condition?: string }> = Array.isArray(service.depends_on)
      ? Object.fromEntries(service.depends_on.map((d) => [d, {}]))
      : (service.depends_on ?? {});
    for (const [target, condition] of Object.entries(dependsOn)) {
      if (!names.includes(target)) say(`depends on missing service ${target}`);
      if (condition.condition !== 'service_healthy') {
        say(`depends on ${target} without condition service_healthy`);
      }
    }
    if ((allServices as readonly string[]).includes(name)) {
      problems.push(...checkGatewayService(compose, name, service));
    }
  }
  const cassandra = compose.services?.cassandra;
  if (cassandra && !/^cassandra:5\.0\.\d+$/.test(cassandra.image ?? '')) {
    problems.push(`cassandra: image ${cassandra.image} is not a pinned cassandra:5.0.x`);
  }
  return problems;
}

function checkGatewayService(compose: ComposeFile, name: string, service: ComposeService): string[] {
  const problems: string[] = [];
  const say = (message: string) => problems.push(`${name}: ${message}`);
  const build = typeof service.build === 'string' ? { context: service.build } : service.build;
  if (!build || !existsSync(join(repoRoot, build.context ?? '.', build.dockerfile ?? 'Dockerfile'))) {
    say('does not build from the repository Dockerfile');
  }
  if (!/^stargate-ts-gateway:[\w.-]+$/.test(service.image ?? '')) {
    say(`image ${service.image} is not stargate-ts-gateway:<tag>`);
  }
  const command = Array.isArray(service.command) ? service.command.join(' ') : service.command;
  if (command !== productionCommand(name).join(' ')) say(`command ${command}`);
  if (service.read_only !== true) say('root filesystem is writable');
  if (![service.tmpfs].flat().includes('/tmp')) say('no tmpfs at /tmp');
  if (!service.user || /^(0|root)(:|$)/.test(service.user)) say('runs as root');

  const env = new Map(
    Object.entries(service.environment ?? {}).map(([k, v]) => [
      k,
      v === null ? undefined : interpolate(String(v)),
    ]),
  );
  problems.push(...checkEnvironment(name, env).map((p) => `${name}: ${p}`));
  if (env.get('NODE_OPTIONS') !== productionNodeOptions(name)) {
    say(`NODE_OPTIONS ${env.get('NODE_OPTIONS')} is not ${productionNodeOptions(name)}`);
  }
  const defaults = defaultPorts(name);
  const published = publishedPorts(service);
  for (const [variable, port] of defaults) {
    if (env.has(variable) && Number(env.get(variable)) !== port) {
      say(`${variable} is not the default ${port}`);
    }
    if (!published.some((p) => p.host === port && p.container === port)) {
      say(`does not publish ${port} (${variable})`);
    }
  }
  for (const port of published) {
    if (![...defaults.values()].includes(port.container)) {
      say(`publishes ${port.container}, no setting's default`);
    }
  }
  const readyPort =
    name === 'grpc'
      ? defaults.get('GRPC_ADMIN_PORT')
      : name === 'bridge'
        ? defaults.get('BRIDGE_HTTP_PORT')
        : [...defaults.values()][0];
  const healthcheck = [service.healthcheck?.test].flat().join(' ');
  if (!healthcheck.includes(`http://127.0.0.1:${readyPort}/health/ready`)) {
    say(`health check is not GET :${readyPort}/health/ready`);
  }

  const dependsOn = (service.depends_on ?? {}) as Record<string, { condition?: string }>;
  const upstream = name === 'bridge' ? 'cassandra' : 'bridge';
  if (dependsOn[upstream]?.condition !== 'service_healthy') say(`does not wait for a healthy ${upstream}`);
  if ((apiServices as readonly string[]).includes(name)) {
    const bridgePort =
      compose.services.bridge?.environment?.BRIDGE_GRPC_PORT ??
      defaultPorts('bridge').get('BRIDGE_GRPC_PORT');
    if (env.get('BRIDGE_ADDRESS') !== `bridge:${bridgePort}`) {
      say(`BRIDGE_ADDRESS ${env.get('BRIDGE_ADDRESS')} is not bridge:${bridgePort}`);
    }
  }
  if (name === 'bridge') {
    for (const variable of jwtSettings()) {
      if (service.environment?.[variable] !== `\${${variable}:-}`) {
        say(`${variable} is not passed through as \${${variable}:-}`);
      }
    }
    const cassandraEnv = compose.services.cassandra?.environment ?? {};
    if (env.get('CASSANDRA_CONTACT_POINTS') !== 'cassandra:9042') say('does not contact cassandra:9042');
    if (env.get('CASSANDRA_LOCAL_DC') !== String(cassandraEnv.CASSANDRA_DC ?? 'datacenter1')) {
      say(`CASSANDRA_LOCAL_DC ${env.get('CASSANDRA_LOCAL_DC')} is not Cassandra's datacenter`);
    }
  }
  return problems;
}

/**
 * A value as Compose hands it to the container when the shell sets none of the variables it
 * names: `${VAR:-default}` and `${VAR-default}` become the default, `${VAR}` and `$VAR` empty.
 */
export function interpolate(value: string): string {
  return value
    .replace(
      /\$\{[A-Za-z_][A-Za-z0-9_]*(?::?-([^}]*))?\}/g,
      (_, fallback: string | undefined) => fallback ?? '',
    )
    .replace(/\$[A-Za-z_][A-Za-z0-9_]*/g, '');
}

/** The bridge's JWT settings (schemas/config/bridge.json), which Compose passes through. */
export function jwtSettings(): string[] {
  return Object.values(propertiesFor('bridge'))
    .map((p) => p['x-env'])
    .filter((variable) => variable.startsWith('BRIDGE_JWT_'));
}
