// The component components/jwt: an overlay that lists it (here prod, in a copy of deploy/k8s in a
// temporary directory) and makes the ConfigMap stargate-bridge-jwt renders, validates and passes
// every cross-check, and each bridge container (dc1's and dc2's) gets the six BRIDGE_JWT_*
// settings from it; the APIs get none. A ConfigMap without a required key fails the checks.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allChecks } from './support/all-checks.js';
import { checkEnvironment } from './support/config-schemas.js';
import { containerEnv } from './support/container-env.js';
import { k8sDir } from './support/paths.js';
import { renderDirectory } from './support/render-kustomization.js';
import { validateAll } from './support/validate-object.js';
import { workloads } from './support/workloads.js';

const scratch = mkdtempSync(join(tmpdir(), 'stargate-k8s-jwt-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of deploy/k8s with overlays/<name>: prod plus the component and these ConfigMap literals. */
function renderWithJwt(name: string, literals: string[]) {
  const root = join(scratch, name);
  cpSync(k8sDir, root, { recursive: true });
  mkdirSync(join(root, 'overlays', name));
  writeFileSync(
    join(root, 'overlays', name, 'kustomization.yaml'),
    [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'namespace: stargate',
      'resources:',
      '  - ../prod',
      'components:',
      '  - ../../components/jwt',
      'configMapGenerator:',
      '  - name: stargate-bridge-jwt',
      '    literals:',
      ...literals.map((literal) => `      - ${literal}`),
      '',
    ].join('\n'),
  );
  return renderDirectory(join(root, 'overlays', name), root);
}

const bridgeEnv = (objects: ReturnType<typeof renderWithJwt>) =>
  workloads(objects)
    .filter((w) => w.service === 'bridge')
    .map((w) => ({ name: w.name, env: containerEnv(w.containers[0]!, objects, w.namespace) }));

describe('an overlay with components/jwt', () => {
  const objects = renderWithJwt('with-jwt', [
    'BRIDGE_JWT_JWKS_URL=https://idp.example.com/realms/stargate/protocol/openid-connect/certs',
    'BRIDGE_JWT_ISSUER=https://idp.example.com/realms/stargate',
    'BRIDGE_JWT_AUDIENCE=stargate',
    'BRIDGE_JWT_JWKS_COOLDOWN_MS=10000',
    'BRIDGE_JWT_JWKS_MAX_AGE_MS=300000',
    'BRIDGE_JWT_CLOCK_TOLERANCE_SECONDS=5',
  ]);

  it('renders, validates and passes every cross-check', () => {
    expect(validateAll(objects)).toEqual([]);
    expect(allChecks('overlays/prod', objects)).toEqual([]);
  });

  it('sets the six BRIDGE_JWT_* settings on each bridge container, from the generated ConfigMap', () => {
    const bridges = bridgeEnv(objects);
    expect(bridges.map((b) => b.name).sort()).toEqual(['stargate-bridge', 'stargate-bridge-dc2']);
    const configMap = objects.find(
      (o) => o.kind === 'ConfigMap' && /^stargate-bridge-jwt-[a-z0-9]+$/.test(o.metadata.name),
    );
    expect(configMap?.metadata.namespace).toBe('stargate');
    for (const { name, env } of bridges) {
      const jwt = Object.fromEntries(
        [...env].filter(([variable]) => variable.startsWith('BRIDGE_JWT_')).map(([v, s]) => [v, s.value]),
      );
      expect(jwt, name).toEqual({
        BRIDGE_JWT_JWKS_URL: 'https://idp.example.com/realms/stargate/protocol/openid-connect/certs',
        BRIDGE_JWT_ISSUER: 'https://idp.example.com/realms/stargate',
        BRIDGE_JWT_AUDIENCE: 'stargate',
        BRIDGE_JWT_JWKS_COOLDOWN_MS: '10000',
        BRIDGE_JWT_JWKS_MAX_AGE_MS: '300000',
        BRIDGE_JWT_CLOCK_TOLERANCE_SECONDS: '5',
      });
      expect(env.get('BRIDGE_JWT_JWKS_URL')?.from).toBe(
        `configmap:${configMap?.metadata.name}/BRIDGE_JWT_JWKS_URL`,
      );
    }
  });

  it('gives the APIs none of them', () => {
    const apis = workloads(objects).filter((w) => w.service !== 'bridge');
    expect(apis).toHaveLength(8);
    for (const api of apis) {
      const names = [...containerEnv(api.containers[0]!, objects, api.namespace).keys()];
      expect(
        names.filter((n) => n.startsWith('BRIDGE_JWT_')),
        api.name,
      ).toEqual([]);
    }
  });
});

describe('components/jwt with only the required keys', () => {
  it('leaves the other four unset on the bridges (their defaults apply)', () => {
    const objects = renderWithJwt('jwt-required-only', [
      'BRIDGE_JWT_JWKS_URL=https://idp.example.com/certs',
      'BRIDGE_JWT_ISSUER=https://idp.example.com',
    ]);
    expect(allChecks('overlays/prod', objects)).toEqual([]);
    for (const { name, env } of bridgeEnv(objects)) {
      expect([...env.keys()].filter((v) => v.startsWith('BRIDGE_JWT_')).sort(), name).toEqual([
        'BRIDGE_JWT_ISSUER',
        'BRIDGE_JWT_JWKS_URL',
      ]);
    }
  });
});

describe('the checks fail when the JWT ConfigMap', () => {
  it('lacks the JWKS URL (the bridge container would not start)', () => {
    const objects = renderWithJwt('jwt-no-url', ['BRIDGE_JWT_ISSUER=https://idp.example.com']);
    const problems = allChecks('overlays/prod', objects);
    for (const bridge of ['stargate-bridge', 'stargate-bridge-dc2']) {
      expect(problems).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^${bridge}: ConfigMap stargate-bridge-jwt-[a-z0-9]+ has no key BRIDGE_JWT_JWKS_URL \\(BRIDGE_JWT_JWKS_URL\\), and it is not optional$`,
          ),
        ),
      );
    }
  });

  it('holds a value the bridge refuses', () => {
    const objects = renderWithJwt('jwt-bad-value', [
      'BRIDGE_JWT_JWKS_URL=https://idp.example.com/certs',
      'BRIDGE_JWT_ISSUER=https://idp.example.com',
      'BRIDGE_JWT_JWKS_MAX_AGE_MS=10',
    ]);
    const [dc1] = bridgeEnv(objects);
    const values = new Map([...dc1!.env].map(([variable, source]) => [variable, source.value]));
    expect(checkEnvironment('bridge', values)).toEqual([
      expect.stringMatching(/^BRIDGE_JWT_JWKS_MAX_AGE_MS=10: must be >= 1000/),
    ]);
    expect(allChecks('overlays/prod', objects)).toContainEqual(
      expect.stringMatching(/^stargate-bridge: BRIDGE_JWT_JWKS_MAX_AGE_MS=10: must be >= 1000/),
    );
  });
});
