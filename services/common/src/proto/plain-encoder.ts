// Encodes the plain objects our code builds (the shapes of the generated `Foo` types) straight into
// protobuf bytes. @grpc/proto-loader first copies every object into a protobufjs message
// (fromObject) and then encodes that copy; for a result set that is one allocation per row and
// per value, about a tenth of an API process's CPU. protobufjs's encoder already takes plain
// objects (64-bit integers as strings, numbers or Longs; bytes as Buffers or base64), except for
// enum values written by name ('UNLOGGED'): those are turned into numbers first, on a shallow copy
// of only the objects on the way to an enum field.
import protobuf from 'protobufjs';

type Normalize = (value: Record<string, unknown>) => Record<string, unknown>;

const normalizers = new Map<protobuf.Type, Normalize | null>();

export function plainEncoder(type: protobuf.Type): (value: object) => Buffer {
  const normalize = normalizerOf(type);
  return (value) =>
    type.encode(normalize ? normalize(value as Record<string, unknown>) : value).finish() as Buffer;
}

interface FieldStep {
  name: string;
  convert: (value: unknown) => unknown;
}

/** Null when no enum field can be reached from `type` (the common case: nothing to do). */
function normalizerOf(type: protobuf.Type): Normalize | null {
  const known = normalizers.get(type);
  if (known !== undefined) return known;
  const reaching = typesReachingEnums(type);
  if (!reaching.has(type)) {
    normalizers.set(type, null);
    return null;
  }
  const steps: FieldStep[] = [];
  const normalize: Normalize = (value) => {
    let out: Record<string, unknown> | undefined;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      const v = value[step.name];
      if (v === undefined || v === null) continue;
      const next = step.convert(v);
      if (next !== v) {
        out ??= { ...value };
        out[step.name] = next;
      }
    }
    return out ?? value;
  };
  // Registered before its fields are built: message types may contain themselves (TypeSpec).
  normalizers.set(type, normalize);
  for (const field of type.fieldsArray) {
    const target = field.resolve().resolvedType;
    let one: ((v: unknown) => unknown) | undefined;
    if (target instanceof protobuf.Enum) one = enumConverter(type, field, target);
    else if (target instanceof protobuf.Type && reaching.has(target)) {
      const inner = normalizerOf(target)!;
      one = (v) => (typeof v === 'object' ? inner(v as Record<string, unknown>) : v);
    }
    if (!one) continue;
    const convert = one;
    steps.push({
      name: field.name,
      convert: field.repeated
        ? (v) => (Array.isArray(v) ? mapIfChanged(v, convert) : v)
        : field.map
          ? (v) => (typeof v === 'object' ? mapValuesIfChanged(v as object, convert) : v)
          : convert,
    });
  }
  return normalize;
}

function enumConverter(owner: protobuf.Type, field: protobuf.Field, target: protobuf.Enum) {
  return (v: unknown) => {
    if (typeof v !== 'string') return v;
    const n = target.values[v];
    if (n === undefined)
      throw new TypeError(`${owner.name}.${field.name}: no ${target.name} value named "${v}"`);
    return n;
  };
}

function mapIfChanged(items: unknown[], convert: (v: unknown) => unknown): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const next = convert(items[i]);
    if (next !== items[i]) {
      out ??= items.slice();
      out[i] = next;
    }
  }
  return out ?? items;
}

function mapValuesIfChanged(entries: object, convert: (v: unknown) => unknown): object {
  let out: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(entries)) {
    const next = convert(value);
    if (next !== value) {
      out ??= { ...entries };
      out[key] = next;
    }
  }
  return out ?? entries;
}

/** The message types reachable from `root` that have, or contain at any depth, an enum field. */
function typesReachingEnums(root: protobuf.Type): Set<protobuf.Type> {
  const all: protobuf.Type[] = [];
  const seen = new Set<protobuf.Type>();
  const visit = (type: protobuf.Type) => {
    if (seen.has(type)) return;
    seen.add(type);
    all.push(type);
    for (const field of type.fieldsArray) {
      const target = field.resolve().resolvedType;
      if (target instanceof protobuf.Type) visit(target);
    }
  };
  visit(root);
  const reaching = new Set<protobuf.Type>();
  // Fixpoint: types may refer to each other in cycles.
  for (let changed = true; changed; ) {
    changed = false;
    for (const type of all) {
      if (reaching.has(type)) continue;
      const reaches = type.fieldsArray.some((field) => {
        const target = field.resolvedType;
        return target instanceof protobuf.Enum || (target instanceof protobuf.Type && reaching.has(target));
      });
      if (reaches) {
        reaching.add(type);
        changed = true;
      }
    }
  }
  return reaching;
}
