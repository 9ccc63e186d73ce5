// `npm run faults` options: defaults, scenario lists, the soak duration, and clear refusals.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIOS, parseDuration, parseOptions } from '../../../test/faults/options.js';

describe('parseOptions', () => {
  it('runs every scenario but the soak by default, stops the cluster, passes both bridge addresses', () => {
    expect(parseOptions([])).toEqual({
      quick: false,
      scenarios: [...DEFAULT_SCENARIOS],
      soakMs: undefined,
      keepCluster: false,
      oneBridgeAddress: false,
      out: undefined,
    });
    expect(DEFAULT_SCENARIOS).not.toContain('soak');
  });

  it('picks scenarios in the order given, once each', () => {
    const options = parseOptions([
      '--quick',
      '--scenarios',
      'overload, node-loss,overload',
      '--keep-cluster',
    ]);
    expect(options).toMatchObject({ quick: true, scenarios: ['overload', 'node-loss'], keepCluster: true });
  });

  it('refuses unknown, empty and soak-by-name scenario lists', () => {
    expect(() => parseOptions(['--scenarios', 'node-los'])).toThrow(
      /unknown scenario node-los \(known: node-loss/,
    );
    expect(() => parseOptions(['--scenarios', ' , '])).toThrow(/--scenarios is empty/);
    expect(() => parseOptions(['--scenarios', 'soak'])).toThrow(/--soak <duration>/);
    expect(() => parseOptions(['--bogus'])).toThrow(/bogus/);
  });

  it('runs the soak alone, or after the scenarios named with it', () => {
    expect(parseOptions(['--soak', '30m'])).toMatchObject({ scenarios: ['soak'], soakMs: 1_800_000 });
    expect(parseOptions(['--soak', '90s', '--scenarios', 'overload'])).toMatchObject({
      scenarios: ['overload', 'soak'],
      soakMs: 90_000,
    });
  });

  it('answers help', () => {
    expect(parseOptions(['--help'])).toBe('help');
  });
});

describe('parseDuration', () => {
  it('reads ms, s, m and h', () => {
    expect(parseDuration('1500ms', '--soak')).toBe(1_500);
    expect(parseDuration('90s', '--soak')).toBe(90_000);
    expect(parseDuration('1.5h', '--soak')).toBe(5_400_000);
  });

  it('refuses a bare number, a unit it does not know, and durations out of bounds', () => {
    expect(() => parseDuration('30', '--soak')).toThrow(
      '--soak takes a duration such as 30m, 90s or 1h, got "30"',
    );
    expect(() => parseDuration('2d', '--soak')).toThrow(/such as 30m/);
    expect(() => parseDuration('25h', '--soak')).toThrow('--soak must be from 1s to 24h, got "25h"');
    expect(() => parseDuration('10ms', '--soak')).toThrow(/from 1s to 24h/);
  });
});
