// docker-compose.yml passes the same kind of checks as the manifests, and each check can fail.
import { describe, expect, it } from 'vitest';
import { type ComposeFile, checkCompose, readCompose } from './support/check-compose.js';

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
