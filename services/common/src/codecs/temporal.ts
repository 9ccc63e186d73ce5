// Dates, times, timestamps and durations between the proto's numbers and their text forms.
// Proto date = days with the Unix epoch at 2^31; time = nanoseconds since midnight;
// timestamp = milliseconds since the epoch (int64, as a string to stay exact).
const DATE_EPOCH = 2 ** 31;
const MS_PER_DAY = 86_400_000;

/** 'yyyy-mm-dd' (years may have a sign and more digits) → proto date; undefined when invalid. */
export function dateToProto(text: string): number | undefined {
  const m = /^([+-]?\d{4,})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return undefined;
  const days = Math.round(d.getTime() / MS_PER_DAY);
  const value = days + DATE_EPOCH;
  return value >= 0 && value <= 0xffffffff ? value : undefined;
}

export function dateFromProto(value: number): string {
  const days = value - DATE_EPOCH;
  const d = new Date(days * MS_PER_DAY);
  if (Number.isNaN(d.getTime())) return String(days);
  const y = d.getUTCFullYear();
  const year = y < 0 ? `-${String(-y).padStart(4, '0')}` : y > 9999 ? `+${y}` : String(y).padStart(4, '0');
  return `${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** 'hh:mm[:ss[.fffffffff]]' → nanoseconds since midnight (as a string, uint64 in the proto). */
export function timeToProto(text: string): string | undefined {
  const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/.exec(text);
  if (!m) return undefined;
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || min > 59 || s > 59) return undefined;
  const nanos = BigInt(((h * 60 + min) * 60 + s) * 1e9) + BigInt((m[4] ?? '').padEnd(9, '0') || '0');
  return nanos.toString();
}

export function timeFromProto(nanos: string | number): string {
  const total = BigInt(nanos);
  const fraction = Number(total % 1_000_000_000n);
  const seconds = Number(total / 1_000_000_000n);
  const base = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  if (fraction === 0) return base;
  return `${base}.${String(fraction).padStart(9, '0').replace(/0+$/, '')}`;
}

/** ISO-8601 instant with optional offset → epoch milliseconds; undefined when invalid. */
export function timestampToMillis(text: string): number | undefined {
  if (!/^[+-]?\d{4,}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/.test(text))
    return undefined;
  const normalized = /([Zz]|[+-]\d{2}(:?\d{2})?)$/.test(text) || !text.includes(':') ? text : `${text}Z`;
  const ms = Date.parse(normalized.replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : ms;
}

export function timestampFromMillis(ms: string | number): string {
  const d = new Date(Number(ms));
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
