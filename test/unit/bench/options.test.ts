// `npm run bench -- …` as a user types it: the defaults, --quick, lists, and bad input refused
// with a message naming the option and the value before anything starts.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_PORT_OFFSET, parseOptions, USAGE } from '../../../bench/lib/options.js';
import { SERVICES } from '../../../tools/stack/service-registry.js';

function parse(...argv: string[]) {
  const parsed = parseOptions(argv);
  if (parsed === 'help') throw new Error('expected options, got help');
  return parsed;
}

describe('bench options', () => {
  it('--peer-stargate takes a directory (made absolute) and needs our REST API; its ports move with --peer-port-offset', () => {
    const o = parse('--peer-stargate', 'stargate', '--peer-port-offset', '31000');
    expect(o.peerStargate).toBe(resolve('stargate'));
    expect(o.peerPortOffset).toBe(31_000);
    expect(parse('--peer-stargate', '/opt/sg', '--apis', 'rest,grpc').peerStargate).toBe('/opt/sg');
    expect(() => parse('--peer-stargate', '/opt/sg', '--apis', 'grpc')).toThrow(
      '--peer-stargate compares REST point reads: --apis must include rest',
    );
    expect(() => parse('--peer-stargate', ' ')).toThrow(
      '--peer-stargate needs the directory of a Stargate build',
    );
    expect(() => parse('--peer-port-offset', '31000')).toThrow('--peer-port-offset is for --peer-stargate');
  });

  it('--peer-freeze is on by default with --peer-stargate; --no-peer-freeze turns it off', () => {
    expect(parse('--peer-stargate', '/opt/sg').peerFreeze).toBe(true);
    expect(parse('--peer-stargate', '/opt/sg', '--peer-freeze').peerFreeze).toBe(true);
    expect(parse('--peer-stargate', '/opt/sg', '--no-peer-freeze').peerFreeze).toBe(false);
    expect(() => parse('--no-peer-freeze')).toThrow('--no-peer-freeze is for --peer-stargate');
    expect(() => parse('--peer-stargate', '/opt/sg', '--peer-port-offset', '60000')).toThrow(
      '--peer-port-offset must be an integer from 1 to 56493, got "60000"',
    );
  });

  it('defaults to the full run: every scenario and API, 8 s runs, 100,000 documents', () => {
    expect(parse()).toEqual({
      quick: false,
      durationMs: 8000,
      warmupMs: 2000,
      rounds: 1,
      concurrency: [1, 32, 128],
      scenarios: ['point-read', 'inline-read', 'insert', 'page-read', 'doc-read', 'doc-search'],
      apis: ['grpc', 'rest', 'graphql', 'docs'],
      docs: 100_000,
      docsLoad: 'direct',
      annRows: 100_000,
      profile: [],
      portOffset: 11_000,
      maxRequests: 2_000_000,
      keepCassandra: false,
      calibrate: true,
      out: undefined,
      peerStargate: undefined,
      peerPortOffset: 30_000,
      peerFreeze: true,
    });
  });

  it('--quick gives 1 s runs, 0.5 s warm-up, a 2,000-document collection and 5,000 ANN rows', () => {
    const o = parse('--quick');
    expect([o.quick, o.durationMs, o.warmupMs, o.docs, o.annRows]).toEqual([true, 1000, 500, 2000, 5000]);
  });

  it('runs the ann scenario only when --scenarios names it, with --ann-rows rows', () => {
    expect(parse().scenarios).not.toContain('ann');
    const o = parse('--scenarios', 'ann', '--ann-rows', '2000');
    expect([o.scenarios, o.annRows]).toEqual([['ann'], 2000]);
    expect(parse('--quick', '--ann-rows', '300').annRows).toBe(300);
    expect(() => parse('--ann-rows', '0')).toThrow('--ann-rows must be a positive integer, got "0"');
    expect(USAGE).toContain('--ann-rows <n>');
  });

  it('explicit durations and sizes win over --quick, in seconds with fractions', () => {
    const o = parse('--quick', '--duration', '0.5', '--warmup', '0.2', '--docs', '500');
    expect([o.durationMs, o.warmupMs, o.docs]).toEqual([500, 200, 500]);
  });

  it('--concurrency takes a list, sorted and without repeats', () => {
    expect(parse('--concurrency', '1,32').concurrency).toEqual([1, 32]);
    expect(parse('--concurrency', '128, 1,32,1').concurrency).toEqual([1, 32, 128]);
  });

  it('--scenarios and --apis take lists; direct in --apis is the floor that always runs', () => {
    const o = parse('--scenarios', 'insert,point-read', '--apis', 'rest,grpc');
    expect(o.scenarios).toEqual(['insert', 'point-read']);
    expect(o.apis).toEqual(['rest', 'grpc']);
    expect(parse('--apis', 'direct,docs').apis).toEqual(['docs']);
    expect(parse('--apis', 'direct').apis).toEqual([]);
  });

  it('passes the flags and the remaining settings through', () => {
    const o = parse(
      '--keep-cassandra',
      '--skip-calibration',
      '--out',
      '/tmp/x.json',
      '--rounds',
      '3',
      '--profile',
      'bridge,rest',
      '--port-offset',
      '15000',
      '--max-requests',
      '1000',
      '--docs-load',
      'api',
    );
    expect(o).toMatchObject({
      keepCassandra: true,
      calibrate: false,
      out: '/tmp/x.json',
      rounds: 3,
      profile: ['bridge', 'rest'],
      portOffset: 15_000,
      maxRequests: 1000,
      docsLoad: 'api',
    });
  });

  it('--help asks for the usage text, which lists every option', () => {
    expect(parseOptions(['--help'])).toBe('help');
    for (const flag of [
      '--quick',
      '--duration',
      '--warmup',
      '--rounds',
      '--concurrency',
      '--scenarios',
      '--apis',
      '--docs',
      '--docs-load',
      '--profile',
      '--port-offset',
      '--max-requests',
      '--keep-cassandra',
      '--skip-calibration',
      '--out',
      '--help',
    ]) {
      expect(USAGE).toContain(`  ${flag}`);
    }
  });

  it('accepts the largest port offset that keeps every service port valid, and refuses one more', () => {
    const highest = Math.max(...SERVICES.flatMap((s) => s.ports.map((p) => p.default)));
    expect(MAX_PORT_OFFSET + highest).toBe(65_535);
    expect(parse('--port-offset', String(MAX_PORT_OFFSET)).portOffset).toBe(MAX_PORT_OFFSET);
    expect(() => parse('--port-offset', String(MAX_PORT_OFFSET + 1))).toThrow(
      `--port-offset must be an integer from 1 to ${MAX_PORT_OFFSET}, got "${MAX_PORT_OFFSET + 1}"`,
    );
  });

  const known = 'point-read, inline-read, insert, page-read, doc-read, doc-search, ann';
  it.each([
    [['--scenarios', 'point-read,nope'], `--scenarios: unknown scenario nope (known: ${known})`],
    [['--scenarios', ''], `--scenarios is empty (known: ${known})`],
    [['--scenarios', ','], `--scenarios is empty (known: ${known})`],
    [['--apis', 'rest,soap'], '--apis: unknown API soap (known: direct, grpc, rest, graphql, docs)'],
    [['--apis', ''], '--apis is empty (known: direct, grpc, rest, graphql, docs)'],
    [['--profile', 'cassandra'], '--profile: unknown service to profile cassandra'],
    [['--duration=-1'], '--duration must be a positive number, got "-1"'],
    [['--duration', '0'], '--duration must be a positive number, got "0"'],
    [['--duration', 'abc'], '--duration must be a positive number, got "abc"'],
    [['--warmup', '0'], '--warmup must be a positive number, got "0"'],
    [['--concurrency', 'abc'], '--concurrency takes integers from 1 to 1024, got "abc"'],
    [['--concurrency', '1,,32'], '--concurrency takes integers from 1 to 1024, got ""'],
    [['--concurrency', '0'], '--concurrency takes integers from 1 to 1024, got "0"'],
    [['--concurrency', '1.5'], '--concurrency takes integers from 1 to 1024, got "1.5"'],
    [['--concurrency', '2000'], '--concurrency takes integers from 1 to 1024, got "2000"'],
    // Fractions used to be rounded down: --docs 0.5 meant an empty collection.
    [['--docs', '0.5'], '--docs must be a positive integer, got "0.5"'],
    [['--max-requests', '0.2'], '--max-requests must be a positive integer, got "0.2"'],
    [['--port-offset', '0'], `--port-offset must be an integer from 1 to ${MAX_PORT_OFFSET}, got "0"`],
    // Used to be clamped to 20 without a word.
    [['--rounds', '50'], '--rounds must be an integer from 1 to 20, got "50"'],
    [['--docs-load', 'bulk'], '--docs-load is direct or api'],
    [['--frobnicate'], "Unknown option '--frobnicate'"],
    [['--duration'], "Option '--duration <value>' argument missing"],
    [['point-read'], "Unexpected argument 'point-read'"],
  ])('refuses %j: %s', (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(message);
  });

  it('a negative number given as a separate word is named as the option missing its value', () => {
    expect(() => parseOptions(['--duration', '-1'])).toThrow(/'--duration' argument is ambiguous/);
  });
});
