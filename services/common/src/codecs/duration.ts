// CQL durations: (months, days, nanoseconds) ⇄ the CQL text forms "1y2mo3w4d5h6m7s8ms9us10ns",
// ISO-8601 "P1Y2M3DT4H5M6S" and "P2W".
export interface DurationParts {
  months: number;
  days: number;
  nanos: bigint;
}

const UNIT_NANOS: Record<string, bigint> = {
  h: 3_600_000_000_000n,
  m: 60_000_000_000n,
  s: 1_000_000_000n,
  ms: 1_000_000n,
  us: 1_000n,
  µs: 1_000n,
  ns: 1n,
};

const INT32_MAX = 2 ** 31 - 1;
const INT64_MAX = 2n ** 63n - 1n;

/**
 * A duration's text → its parts; undefined when it is not a duration, or when a part does not fit
 * CQL's duration (months and days are 32-bit, nanoseconds 64-bit: "3000000000y" would otherwise be
 * truncated on the way to Cassandra).
 */
export function parseDuration(text: string): DurationParts | undefined {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const parts = body.startsWith('P') ? parseIso(body) : parseUnits(body);
  // Negative durations reach one further (two's complement).
  const extra = negative ? 1 : 0;
  const fits =
    parts !== undefined &&
    parts.months <= INT32_MAX + extra &&
    parts.days <= INT32_MAX + extra &&
    parts.nanos <= INT64_MAX + BigInt(extra);
  if (!fits) return undefined;
  return negative ? { months: -parts.months, days: -parts.days, nanos: -parts.nanos } : parts;
}

function parseUnits(text: string): DurationParts | undefined {
  const re = /(\d+)(y|mo|w|d|h|ms|m|s|us|µs|ns)/gi;
  let consumed = 0;
  const parts: DurationParts = { months: 0, days: 0, nanos: 0n };
  for (const m of text.matchAll(re)) {
    if (m.index !== consumed) return undefined;
    consumed += m[0].length;
    const n = Number(m[1]);
    const unit = m[2]!.toLowerCase();
    if (unit === 'y') parts.months += 12 * n;
    else if (unit === 'mo') parts.months += n;
    else if (unit === 'w') parts.days += 7 * n;
    else if (unit === 'd') parts.days += n;
    else parts.nanos += BigInt(m[1]!) * UNIT_NANOS[unit]!;
  }
  return consumed === text.length && consumed > 0 ? parts : undefined;
}

function parseIso(text: string): DurationParts | undefined {
  const week = /^P(\d+)W$/.exec(text);
  if (week) return { months: 0, days: 7 * Number(week[1]), nanos: 0n };
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const n = (i: number) => BigInt(m[i] ?? 0);
  return {
    months: Number(n(1) * 12n + n(2)),
    days: Number(n(3)),
    nanos: n(4) * UNIT_NANOS.h! + n(5) * UNIT_NANOS.m! + n(6) * UNIT_NANOS.s!,
  };
}

export function formatDuration(parts: DurationParts): string {
  const negative = parts.months < 0 || parts.days < 0 || parts.nanos < 0n;
  let months = Math.abs(parts.months);
  const days = Math.abs(parts.days);
  let nanos = parts.nanos < 0n ? -parts.nanos : parts.nanos;
  let out = '';
  if (months >= 12) out += `${Math.floor(months / 12)}y`;
  months %= 12;
  if (months) out += `${months}mo`;
  if (days) out += `${days}d`;
  for (const unit of ['h', 'm', 's', 'ms', 'us', 'ns']) {
    const size = UNIT_NANOS[unit]!;
    if (nanos >= size) {
      out += `${nanos / size}${unit}`;
      nanos %= size;
    }
  }
  if (out === '') out = '0s';
  return negative ? `-${out}` : out;
}
