// Temporal CQL types ⇄ JSON, written as Stargate's REST API writes them (java.time toString):
// timestamp → ISO-8601 instant ("2024-05-01T10:00:00Z", milliseconds only when non-zero; in:
// ISO with or without offset, or epoch milliseconds), date → "yyyy-mm-dd", time → "HH:mm[:ss[.fff]]",
// duration → CQL duration text ("1y2mo3d4h").
import { formatDuration, parseDuration } from './duration.js';
import { defineCodec, type JsonCodec, type JsonInput, mismatch, numberText } from './json-codec.js';
import { parseExactInteger } from './json-numbers.js';
import { dateFromProto, dateToProto, timestampToMillis, timeToProto } from './temporal.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Epoch milliseconds → java.time.Instant#toString (fraction omitted when zero, years ≥ 4 digits). */
export function instantText(ms: number): string | undefined {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return undefined;
  let iso = date.toISOString();
  if (iso.endsWith('.000Z')) iso = `${iso.slice(0, -5)}Z`;
  // JS writes extended years with six digits (+010000, -000001); java.time uses at least four.
  return iso.replace(/^([+-])0*(\d{4,})/, '$1$2');
}

export const timestampJsonCodec: JsonCodec = (() => {
  const expected = 'timestamp (an ISO-8601 string such as "2024-05-01T10:00:00Z", or epoch milliseconds)';
  const fromMillis = (ms: bigint | undefined, json: JsonInput) => {
    if (ms === undefined || ms < INT64_MIN || ms > INT64_MAX) throw mismatch(expected, json);
    return { int: ms.toString() };
  };
  const fromText = (text: string) => {
    const trimmed = text.trim();
    if (/^-?\d+$/.test(trimmed)) return fromMillis(BigInt(trimmed), text);
    const ms = timestampToMillis(trimmed);
    return fromMillis(ms === undefined ? undefined : BigInt(ms), text);
  };
  return defineCodec({
    cqlType: 'timestamp',
    fromJson: (json) => {
      if (typeof json === 'string') return fromText(json);
      const digits = numberText(json);
      return fromMillis(digits === undefined ? undefined : parseExactInteger(digits), json);
    },
    fromText,
    toJson: (value) => {
      if (value.int === undefined) return 'null';
      const text = instantText(Number(value.int));
      // Beyond the years JS dates can show (±273,790): the milliseconds themselves.
      return text === undefined ? String(value.int) : `"${text}"`;
    },
  });
})();

export const dateJsonCodec: JsonCodec = (() => {
  const expected = 'date (a string "yyyy-mm-dd")';
  const fromText = (text: string) => {
    const days = dateToProto(text.trim());
    if (days === undefined) throw mismatch(expected, text);
    return { date: days };
  };
  return defineCodec({
    cqlType: 'date',
    fromJson: (json) => {
      if (typeof json !== 'string') throw mismatch(expected, json);
      return fromText(json);
    },
    fromText,
    toJson: (value) => (value.date === undefined ? 'null' : `"${dateFromProto(value.date)}"`),
  });
})();

/** Nanoseconds since midnight → java.time.LocalTime#toString: 10:00, 10:00:05, 10:00:05.120. */
export function localTimeText(nanos: bigint): string {
  const pad = (n: bigint) => n.toString().padStart(2, '0');
  const seconds = nanos / 1_000_000_000n;
  const fraction = nanos % 1_000_000_000n;
  let text = `${pad(seconds / 3600n)}:${pad((seconds / 60n) % 60n)}`;
  if (seconds % 60n === 0n && fraction === 0n) return text;
  text += `:${pad(seconds % 60n)}`;
  if (fraction === 0n) return text;
  const digits = fraction.toString().padStart(9, '0');
  if (fraction % 1_000_000n === 0n) return `${text}.${digits.slice(0, 3)}`;
  if (fraction % 1_000n === 0n) return `${text}.${digits.slice(0, 6)}`;
  return `${text}.${digits}`;
}

export const timeJsonCodec: JsonCodec = (() => {
  const expected = 'time (a string "hh:mm[:ss[.fffffffff]]")';
  const fromText = (text: string) => {
    const nanos = timeToProto(text.trim());
    if (nanos === undefined) throw mismatch(expected, text);
    return { time: nanos };
  };
  return defineCodec({
    cqlType: 'time',
    fromJson: (json) => {
      if (typeof json !== 'string') throw mismatch(expected, json);
      return fromText(json);
    },
    fromText,
    toJson: (value) => (value.time === undefined ? 'null' : `"${localTimeText(BigInt(value.time))}"`),
  });
})();

export const durationJsonCodec: JsonCodec = (() => {
  const expected = 'duration (a string such as "1h30m", "2d" or "P1DT2H")';
  const fromText = (text: string) => {
    const parts = parseDuration(text.trim());
    if (!parts) throw mismatch(expected, text);
    return { duration: { months: parts.months, days: parts.days, nanos: parts.nanos.toString() } };
  };
  return defineCodec({
    cqlType: 'duration',
    fromJson: (json) => {
      if (typeof json !== 'string') throw mismatch(expected, json);
      return fromText(json);
    },
    fromText,
    toJson: (value) => {
      const d = value.duration;
      if (!d) return 'null';
      return `"${formatDuration({ months: d.months ?? 0, days: d.days ?? 0, nanos: BigInt(d.nanos ?? 0) })}"`;
    },
  });
})();
