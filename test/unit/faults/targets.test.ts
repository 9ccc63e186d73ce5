// Each scenario's targets judged from measurements: what passes, what misses, and what the
// report says was measured.
import { describe, expect, it } from 'vitest';
import { evaluateApiSigterm } from '../../../test/faults/scenarios/api-sigterm.js';
import { evaluateBridgeRestart } from '../../../test/faults/scenarios/bridge-restart.js';
import { evaluateRollingRestart } from '../../../test/faults/scenarios/bridge-rolling-restart.js';
import { evaluateNodeLoss } from '../../../test/faults/scenarios/node-loss.js';
import { evaluateOverload, type ProcessMemory } from '../../../test/faults/scenarios/overload.js';
import { evaluateRateLimit } from '../../../test/faults/scenarios/rate-limit.js';
import type { Check } from '../../../test/faults/scenarios/scenario.js';
import { evaluateSoak } from '../../../test/faults/scenarios/soak.js';
import {
  evaluateTwoNodesDown,
  type TwoNodesDownMeasurement,
} from '../../../test/faults/scenarios/two-nodes-down.js';
import { rec } from './records.js';

const passes = (checks: Check[]) => Object.fromEntries(checks.map((c) => [c.target, c.pass]));
const byTarget = (checks: Check[], start: string) => checks.find((c) => c.target.startsWith(start))!;

describe('node-loss', () => {
  it('passes with no idempotent failure and clear non-idempotent ones', () => {
    const checks = evaluateNodeLoss({
      killedAt: 0,
      records: [
        rec({ start: 1, end: 2 }),
        rec({ start: 1, end: 2, idempotent: false, ok: false, status: 'UNAVAILABLE', detail: 'node lost' }),
      ],
    });
    expect(checks.every((c) => c.pass)).toBe(true);
  });

  it('misses on one failed idempotent write, and on a non-idempotent 504 or a bare 503', () => {
    const checks = evaluateNodeLoss({
      killedAt: 0,
      records: [
        rec({ start: 1, end: 2, write: true, ok: false, status: '503', detail: 'socket closed' }),
        rec({
          start: 1,
          end: 2,
          idempotent: false,
          ok: false,
          status: 'DEADLINE_EXCEEDED',
          detail: 'timeout',
        }),
        rec({ start: 1, end: 2, idempotent: false, ok: false, status: '503' }),
      ],
    });
    expect(checks.map((c) => c.pass)).toEqual([false, false]);
    expect(checks[0]!.measured).toBe('1 of 1 failed (503×1)');
    expect(checks[1]!.measured).toBe(
      '2 failed (503×1, DEADLINE_EXCEEDED×1), 2 without 503/UNAVAILABLE and a description',
    );
  });
});

describe('two-nodes-down', () => {
  const base: TwoNodesDownMeasurement = {
    apis: ['rest'],
    downAt: 1_000,
    detectedAt: 5_000,
    quorumAt: 20_000,
    returnedAt: 30_000,
    readiness: [{ bridge: 'bridge1', at: 6_000, status: 503, detail: 'no quorum' }],
    records: [
      rec({ start: 2_000, end: 4_500, ok: false, status: '503', detail: 'no quorum' }),
      rec({ start: 6_000, end: 6_010, ok: false, status: '503', detail: 'no quorum' }),
      rec({ start: 30_500, end: 30_510 }),
    ],
  };

  it('passes when every request without quorum gets a fast 503 and service is back at once', () => {
    expect(evaluateTwoNodesDown(base).every((c) => c.pass)).toBe(true);
  });

  it('misses 504s, slow answers, a ready bridge, an undetected outage and a late recovery', () => {
    const checks = evaluateTwoNodesDown({
      ...base,
      detectedAt: undefined,
      readiness: [{ bridge: 'bridge1', at: 6_000, status: 200, detail: '' }],
      records: [
        rec({ start: 2_000, end: 14_000, ok: false, status: '504', detail: 'write timeout' }),
        rec({ start: 30_500, end: 41_000, ok: false, status: '503' }),
        rec({ start: 41_100, end: 41_200 }),
      ],
    });
    expect(passes(checks)).toEqual({
      'requests without quorum answer 503/UNAVAILABLE': false,
      'each within 3 s': false,
      'at once after the failure detector marked them down (p99 ≤ 500 ms)': false,
      'bridge /health/ready says why': false,
      'full service within 10 s after the nodes return': false,
    });
    expect(byTarget(checks, 'at once').measured).toBe('node 1 did not mark both down within 60 s');
    expect(byTarget(checks, 'full service').measured).toBe('after 11000 ms');
  });
});

describe('bridge-restart', () => {
  const measurement = {
    apis: ['rest', 'grpc'] as const,
    killedAt: 1_000,
    respawnedAt: 3_000,
    returnedAt: 4_000,
  };

  it('passes with fast 503/UNAVAILABLE while no bridge exists and service within 1 s of the return', () => {
    const checks = evaluateBridgeRestart({
      ...measurement,
      records: [
        rec({ start: 1_500, end: 1_510, ok: false, status: '503' }),
        rec({ start: 1_500, end: 1_520, api: 'grpc', ok: false, status: 'UNAVAILABLE' }),
        rec({ start: 4_100, end: 4_200 }),
        rec({ start: 4_100, end: 4_300, api: 'grpc', status: 'OK' }),
      ],
    });
    expect(checks.every((c) => c.pass)).toBe(true);
  });

  it('misses a GraphQL-style 200 with errors, a slow refusal and a slow return', () => {
    const checks = evaluateBridgeRestart({
      ...measurement,
      records: [
        rec({ start: 1_500, end: 2_600, ok: false, status: '200+errors' }),
        rec({ start: 4_100, end: 5_500, api: 'grpc', ok: false, status: 'UNAVAILABLE' }),
        rec({ start: 5_600, end: 5_700 }),
        rec({ start: 5_600, end: 5_700, api: 'grpc', status: 'OK' }),
      ],
    });
    expect(checks.map((c) => c.pass)).toEqual([false, false, false]);
    expect(checks[2]!.measured).toBe('after 1500 ms');
  });
});

describe('bridge-rolling-restart', () => {
  const exits = [
    { bridge: 'bridge1', exitedInMs: 300, code: 0 },
    { bridge: 'bridge2', exitedInMs: 400, code: 0 },
  ];

  it('passes with no failure and clean exits', () => {
    expect(evaluateRollingRestart({ records: [rec({ start: 0, end: 1 })], exits }).every((c) => c.pass)).toBe(
      true,
    );
  });

  it('misses on one failure, and on a bridge that hit its shutdown deadline', () => {
    const checks = evaluateRollingRestart({
      records: [rec({ start: 0, end: 1, ok: false, status: 'UNAVAILABLE' }), rec({ start: 0, end: 1 })],
      exits: [exits[0]!, { bridge: 'bridge2', exitedInMs: 10_100, code: 1 }],
    });
    expect(checks.map((c) => c.pass)).toEqual([false, false]);
    expect(checks[0]!.measured).toBe('1 of 2 failed (UNAVAILABLE×1)');
  });
});

describe('api-sigterm', () => {
  const base = { api: 'rest' as const, signalAt: 1_000, exitedInMs: 300, exitCode: 0 };

  it('passes when in-flight requests succeed and later connects are refused', () => {
    const checks = evaluateApiSigterm({
      ...base,
      records: [
        rec({ start: 990, end: 1_050 }),
        rec({ start: 1_060, end: 1_061, ok: false, status: 'ECONNREFUSED' }),
      ],
      probes: [
        { at: 1_050, accepted: true },
        { at: 1_150, accepted: false },
      ],
    });
    expect(checks.every((c) => c.pass)).toBe(true);
  });

  it('misses when nothing was in flight (nothing measured), a connect is accepted late, or the exit is unclean', () => {
    const checks = evaluateApiSigterm({
      ...base,
      exitCode: 1,
      records: [rec({ start: 900, end: 950 })],
      probes: [{ at: 1_200, accepted: true }],
    });
    expect(checks.map((c) => c.pass)).toEqual([false, false, false]);
    expect(checks[0]!.measured).toBe('no request was in flight: nothing measured');
  });
});

describe('overload', () => {
  const processes: ProcessMemory[] = [{ name: 'rest', peakRssMiB: 100, limitMiB: 384, alive: true }];
  // p99 10 ms: accepted requests may take up to 50 ms.
  const reference = Array.from({ length: 100 }, () => rec({ start: 0, end: 10 }));

  it('passes with quick 503s carrying Retry-After and accepted p99 within 5 × the reference', () => {
    const checks = evaluateOverload({
      reference,
      overload: [
        rec({ start: 0, end: 45 }),
        rec({ start: 0, end: 2, ok: false, status: '503', retryAfter: '1' }),
      ],
      processes,
    });
    expect(checks.every((c) => c.pass)).toBe(true);
  });

  it('misses 503s without Retry-After, slow accepted requests, timeouts, memory over the limit and a crash', () => {
    const checks = evaluateOverload({
      reference,
      overload: [
        rec({ start: 0, end: 500 }),
        rec({ start: 0, end: 2, ok: false, status: '503' }),
        rec({ start: 0, end: 20_000, ok: false, status: 'TIMEOUT' }),
      ],
      processes: [{ name: 'rest', peakRssMiB: 400, limitMiB: 384, alive: false }],
    });
    expect(passes(checks)).toEqual({
      '503s carry Retry-After': false,
      '503s at once (p99 ≤ 500 ms)': true,
      'accepted p99 ≤ 5 × p99 at c=32': false,
      'no failure but 503': false,
      'peak RSS of every process under its memory limit': false,
      'nothing crashed': false,
    });
  });
});

describe('rate-limit', () => {
  it('passes when the fast token gets 429 with Retry-After and the polite one is untouched', () => {
    const checks = evaluateRateLimit({
      fast: [rec({ start: 0, end: 1 }), rec({ start: 0, end: 1, ok: false, status: '429', retryAfter: '1' })],
      polite: [rec({ start: 0, end: 1 })],
    });
    expect(checks.every((c) => c.pass)).toBe(true);
  });

  it('misses when nothing is limited, and when the polite token is refused', () => {
    const checks = evaluateRateLimit({
      fast: [rec({ start: 0, end: 1 })],
      polite: [rec({ start: 0, end: 1, ok: false, status: '429', retryAfter: '1' })],
    });
    expect(checks.map((c) => c.pass)).toEqual([false, false, true, false]);
  });
});

describe('soak', () => {
  const drift = { startMiB: 100, endMiB: 105, drift: 0.05, peakMiB: 110 };

  it('passes with no failure and drift under 10 %', () => {
    const checks = evaluateSoak({
      requests: 10,
      failures: 0,
      failuresByStatus: {},
      drift: { rest: drift },
      crashed: [],
    });
    expect(checks.every((c) => c.pass)).toBe(true);
  });

  it('misses a failure, a 10 % drift, a process without samples and a crash', () => {
    const checks = evaluateSoak({
      requests: 10,
      failures: 1,
      failuresByStatus: { '500': 1 },
      drift: { rest: { ...drift, endMiB: 110, drift: 0.1 }, docs: undefined },
      crashed: ['docs'],
    });
    expect(checks.map((c) => c.pass)).toEqual([false, false, false]);
    expect(checks[1]!.measured).toBe('rest 10.0 % (100→110 MiB), docs —');
  });
});
