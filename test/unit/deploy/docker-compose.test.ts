// docker-compose.yml passes the same kind of checks as the manifests, and each check can fail.
import { describe, expect, it } from 'vitest';
import {
  type ComposeFile,
  checkCompose,
  interpolate,
  jwtSettings,
  readCompose,
} from './support/check-compose.js';

describe('docker-compose.yml', () => {
  it('passes every check', () => {
    expect(checkCompose(readCompose())).toEqual([]);
  });

  it('runs Cassandra 5.0 and five services of ours from one image', () => {
    const compose = readCompose();
    expect(compose.services.cassandra?.image).toMatch(/^cassandra:5\.0\.\d+$/);
    const images = new Set(
      ['bridge', 'rest', 'docs', 'graphql', 'grpc'].map((s) => compose.services[s]?.image),
    );
    expect(images.size).toBe(1);
  });
});

describe('JWT settings in docker-compose.yml', () => {
  it('passes every BRIDGE_JWT_* setting through to the bridge from the shell, empty (off) when unset', () => {
    const names = jwtSettings();
    expect(names.sort()).toEqual([
      'BRIDGE_JWT_AUDIENCE',
      'BRIDGE_JWT_CLOCK_TOLERANCE_SECONDS',
      'BRIDGE_JWT_ISSUER',
      'BRIDGE_JWT_JWKS_COOLDOWN_MS',
      'BRIDGE_JWT_JWKS_MAX_AGE_MS',
      'BRIDGE_JWT_JWKS_URL',
    ]);
    const env = readCompose().services.bridge!.environment!;
    for (const name of names) expect(env[name]).toBe(`\${${name}:-}`);
  });

  it('reads values as Compose does with no shell variables set', () => {
    expect(interpolate(`\${BRIDGE_JWT_ISSUER:-}`)).toBe('');
    expect(interpolate(`\${X:-30000}`)).toBe('30000');
    expect(interpolate(`\${X-a}b$Y`)).toBe('ab');
    expect(interpolate('plain')).toBe('plain');
  });
});

function broken(change: (compose: ComposeFile) => void): ComposeFile {
  const compose = structuredClone(readCompose());
  change(compose);
  return compose;
}

describe('the compose checks fail when', () => {
  it('a service depends on a missing one, or without waiting for health', () => {
    const problems = checkCompose(
      broken((c) => {
        c.services.rest!.depends_on = { brige: { condition: 'service_healthy' } };
        c.services.docs!.depends_on = { bridge: { condition: 'service_started' } };
      }),
    ).join('\n');
    expect(problems).toMatch(/rest: depends on missing service brige/);
    expect(problems).toMatch(/docs: depends on bridge without condition service_healthy/);
  });

  it('a service has no health check, image or build', () => {
    const problems = checkCompose(
      broken((c) => {
        delete c.services.cassandra!.healthcheck;
        delete c.services.graphql!.image;
        delete c.services.graphql!.build;
      }),
    ).join('\n');
    expect(problems).toMatch(/cassandra: no health check/);
    expect(problems).toMatch(/graphql: neither image nor build/);
  });

  it('a port, a variable name or a value is wrong', () => {
    const problems = checkCompose(
      broken((c) => {
        c.services.docs!.ports = ['8181:8180'];
        c.services.rest!.environment!.REST_PROT = '8082';
        c.services.bridge!.environment!.LOG_LEVEL = 'loud';
        c.services.graphql!.environment!.NODE_OPTIONS = '--max-old-space-size=512';
        c.services.grpc!.command = ['node', '--import', 'tsx', 'services/grpc/src/main.ts'];
        c.services.bridge!.command = ['node', 'dist/bridge/main.js'];
      }),
    ).join('\n');
    expect(problems).toMatch(/docs: does not publish 8180/);
    expect(problems).toMatch(/rest: REST_PROT is not a setting of rest/);
    expect(problems).toMatch(/bridge: LOG_LEVEL=loud/);
    expect(problems).toMatch(/graphql: NODE_OPTIONS --max-old-space-size=512 is not/);
    expect(problems).toMatch(/grpc: command node --import tsx services\/grpc\/src\/main.ts/);
    // Without the flag that fixes its young generation (NODE_OPTIONS cannot carry it).
    expect(problems).toMatch(/bridge: command node dist\/bridge\/main.js/);
  });

  it('a JWT setting is missing, fixed to a value, or not a setting of the bridge', () => {
    const problems = checkCompose(
      broken((c) => {
        delete c.services.bridge!.environment!.BRIDGE_JWT_ISSUER;
        c.services.bridge!.environment!.BRIDGE_JWT_JWKS_MAX_AGE_MS = `\${BRIDGE_JWT_JWKS_MAX_AGE_MS:-5}`;
        c.services.bridge!.environment!.BRIDGE_JWT_JWKS_CACHE = `\${BRIDGE_JWT_JWKS_CACHE:-}`;
      }),
    ).join('\n');
    expect(problems).toMatch(/bridge: BRIDGE_JWT_ISSUER is not passed through as \$\{BRIDGE_JWT_ISSUER:-\}/);
    expect(problems).toMatch(/bridge: BRIDGE_JWT_JWKS_MAX_AGE_MS=5: must be >= 1000/);
    expect(problems).toMatch(/bridge: BRIDGE_JWT_JWKS_CACHE is not a setting of bridge/);
  });

  it('an API points elsewhere than the bridge, or Cassandra is not 5.0', () => {
    const problems = checkCompose(
      broken((c) => {
        c.services.grpc!.environment!.BRIDGE_ADDRESS = 'bridge:8081';
        c.services.cassandra!.image = 'cassandra:4.1';
      }),
    ).join('\n');
    expect(problems).toMatch(/grpc: BRIDGE_ADDRESS bridge:8081 is not bridge:8091/);
    expect(problems).toMatch(/cassandra: image cassandra:4.1 is not a pinned cassandra:5.0.x/);
  });
});
