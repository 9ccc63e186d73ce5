import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ServiceName as BuiltService, compiledEntry } from '../../../tools/build/build-services.js';
import { API_NODE_OPTIONS, BRIDGE_NODE_OPTIONS } from '../../../tools/build/node-options.js';
import {
  bridgeOf,
  describeUrls,
  entryExists,
  healthUrl,
  nodeArgs,
  nodeOptions,
  SERVICES,
  selectApis,
  UnknownApiError,
} from '../../../tools/stack/service-registry.js';

describe('service registry', () => {
  it('runs every API by default, none for an empty APIS, a chosen few otherwise', () => {
    expect(selectApis(undefined).map((s) => s.name)).toEqual(['rest', 'docs', 'graphql', 'grpc']);
    expect(selectApis('')).toEqual([]);
    expect(selectApis(' grpc , REST,rest').map((s) => s.name)).toEqual(['rest', 'grpc']);
  });

  it('an unknown API name is one clear line', () => {
    expect(() => selectApis('rest,bogus')).toThrow(UnknownApiError);
    let message = '';
    try {
      selectApis('bogus,bridge');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe(
      'APIS names unknown APIs "bogus", "bridge"; known: rest, docs, graphql, grpc (comma-separated, empty for none)',
    );
  });

  it("knows Stargate's ports, overridable by environment", () => {
    const bridge = bridgeOf()!;
    expect(bridge.entry).toBe('services/bridge/src/main.ts');
    expect(healthUrl(bridge, {}, '/health/ready')).toBe('http://127.0.0.1:8081/health/ready');
    expect(healthUrl(bridge, { BRIDGE_HTTP_PORT: '9999' }, '/health/ready')).toBe(
      'http://127.0.0.1:9999/health/ready',
    );
    const grpc = SERVICES.find((s) => s.name === 'grpc')!;
    expect(healthUrl(grpc, {}, '/health/ready')).toBe('http://127.0.0.1:8094/health/ready');
    expect(describeUrls(grpc, {})).toContain('grpc://127.0.0.1:8090');
    const ports = Object.fromEntries(SERVICES.map((s) => [s.name, s.ports.map((p) => p.default)]));
    expect(ports).toEqual({
      bridge: [8081, 8091],
      rest: [8082],
      docs: [8180],
      graphql: [8080],
      grpc: [8090, 8094],
    });
  });

  it('runs what `npm run build` writes, or the TypeScript through tsx', () => {
    for (const service of SERVICES) {
      expect(service.compiledEntry).toBe(compiledEntry(service.name as BuiltService));
      // Both with the flags of production that NODE_OPTIONS cannot carry.
      const flags =
        service.name === 'bridge'
          ? ['--min-semi-space-size=8', '--heap-growing-percent=100']
          : ['--heap-growing-percent=50'];
      expect(nodeArgs(service, '/repo')).toEqual([...flags, `/repo/dist/${service.name}/main.js`]);
      expect(nodeArgs(service, '/repo', 'tsx')).toEqual([
        ...flags,
        '--import',
        'tsx',
        `/repo/services/${service.name}/src/main.ts`,
      ]);
    }
  });

  it("gives each service the NODE_OPTIONS of production, the user's own after them", () => {
    const [bridge, rest] = [bridgeOf()!, SERVICES.find((s) => s.name === 'rest')!];
    expect(nodeOptions(bridge, undefined)).toBe(BRIDGE_NODE_OPTIONS);
    expect(nodeOptions(rest, ' ')).toBe(API_NODE_OPTIONS);
    expect(nodeOptions(rest, ' --max-old-space-size=1024 ')).toBe(
      `${API_NODE_OPTIONS} --max-old-space-size=1024`,
    );
  });

  it('tells whether an entry file exists yet', () => {
    const root = mkdtempSync(join(tmpdir(), 'stack-root-'));
    try {
      const rest = SERVICES.find((s) => s.name === 'rest')!;
      expect(entryExists(rest, root)).toBe(false);
      expect(entryExists(rest, root, 'tsx')).toBe(false);
      mkdirSync(join(root, 'services/rest/src'), { recursive: true });
      writeFileSync(join(root, rest.entry), '');
      expect(entryExists(rest, root, 'tsx')).toBe(true);
      expect(entryExists(rest, root)).toBe(false);
      mkdirSync(join(root, 'dist/rest'), { recursive: true });
      writeFileSync(join(root, rest.compiledEntry), '');
      expect(entryExists(rest, root)).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
