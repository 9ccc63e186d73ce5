// Memory limits from the deployed manifests: the quantity format and the real base Deployments.
import { describe, expect, it } from 'vitest';
import { memoryLimitMiB, quantityMiB } from '../../../test/faults/memory-limits.js';

describe('memory limits', () => {
  it('reads Kubernetes quantities in MiB', () => {
    expect(quantityMiB('384Mi')).toBe(384);
    expect(quantityMiB('1Gi')).toBe(1024);
    expect(quantityMiB('512Ki')).toBe(0.5);
    expect(() => quantityMiB('400M')).toThrow('unsupported memory quantity "400M"');
  });

  it('finds a limit for the bridge and every API in deploy/k8s/base', () => {
    for (const service of ['bridge', 'rest', 'docs', 'graphql', 'grpc']) {
      expect(memoryLimitMiB(service)).toBeGreaterThan(0);
    }
    expect(() => memoryLimitMiB('cassandra')).toThrow('no Deployment known for cassandra');
  });
});
