// Collection-like CQL types ⇄ JSON: list, set and vector as arrays, tuple as an array of its
// elements, UDT as an object of its fields, map as an object (compactMapData, the default) or
// as [{"key": k, "value": v}] entries. Input accepts either map shape; output uses the chosen one.
import type { Value, Value__Output } from '../proto/generated/stargate/Value.js';
import {
  defineCodec,
  type JsonCodec,
  type JsonInput,
  JsonValueError,
  mismatch,
  numberText,
} from './json-codec.js';
import { LiteralSyntaxError, splitCqlPairs, splitCqlSequence } from './json-stringified.js';

/** Converts one part, locating an error inside the whole ("[2]", ".street"). */
function part<T>(segment: string, convert: () => T): T {
  try {
    return convert();
  } catch (err) {
    if (err instanceof JsonValueError) throw err.at(segment);
    throw err;
  }
}

/** Runs a CQL-literal split, reporting syntax errors as a value of the wrong form. */
function literal<T>(expected: string, text: string, split: () => T): T {
  try {
    return split();
  } catch (err) {
    if (err instanceof LiteralSyntaxError) {
      throw new JsonValueError(expected, `String ${JSON.stringify(text)} (${err.message})`);
    }
    throw err;
  }
}

function elementsOf(value: Value__Output): Value__Output[] {
  return value.collection?.elements ?? [];
}

function sequenceCodec(kind: 'list' | 'set', element: JsonCodec, frozen: boolean | undefined): JsonCodec {
  const inner = `${kind}<${element.cqlType}>`;
  const cqlType = frozen ? `frozen<${inner}>` : inner;
  const [open, close] = kind === 'list' ? ['[', ']'] : ['{', '}'];
  const expected = `${cqlType} (a JSON array)`;
  return defineCodec({
    cqlType,
    element,
    fromJson: (json) => {
      if (!Array.isArray(json)) throw mismatch(expected, json);
      return { collection: { elements: json.map((e, i) => part(`[${i}]`, () => element.fromJson(e))) } };
    },
    fromText: (text) => {
      const items = literal(expected, text, () => splitCqlSequence(text, open, close));
      return { collection: { elements: items.map((e, i) => part(`[${i}]`, () => element.fromText(e))) } };
    },
    toJson: (value) => `[${elementsOf(value).map(element.toJson).join(',')}]`,
  });
}

export function listJsonCodec(element: JsonCodec, frozen?: boolean): JsonCodec {
  return sequenceCodec('list', element, frozen);
}

export function setJsonCodec(element: JsonCodec, frozen?: boolean): JsonCodec {
  return sequenceCodec('set', element, frozen);
}

/** Vector elements of these types must be JSON numbers (no stringified form inside a vector). */
const NUMERIC_ELEMENTS = new Set([
  'float',
  'double',
  'tinyint',
  'smallint',
  'int',
  'bigint',
  'varint',
  'decimal',
]);

export function vectorJsonCodec(element: JsonCodec, size: number): JsonCodec {
  const cqlType = `vector<${element.cqlType}, ${size}>`;
  const numeric = NUMERIC_ELEMENTS.has(element.cqlType);
  const expected = `${cqlType} (an array of ${size} ${numeric ? 'numbers' : 'values'})`;
  const check = (elements: Value[], json: JsonInput) => {
    if (elements.length !== size) throw mismatch(expected, json);
    return { collection: { elements } };
  };
  const elementFromJson = (json: JsonInput): Value => {
    // Cassandra stores no null inside a vector; said here, before the driver fails on it.
    if (json === null) throw mismatch(`${element.cqlType} (a vector element cannot be null)`, json);
    if (numeric && numberText(json) === undefined) throw mismatch(`${element.cqlType} (a JSON number)`, json);
    return element.fromJson(json);
  };
  return defineCodec({
    cqlType,
    element,
    fromJson: (json) => {
      if (!Array.isArray(json)) throw mismatch(expected, json);
      if (json.length !== size) throw new JsonValueError(expected, `an array of ${json.length}`);
      // A plain loop, not part() per element: an ANN read's query vector has 64 to 4096 of them.
      const elements = new Array<Value>(size);
      let i = 0;
      try {
        for (; i < size; i++) elements[i] = elementFromJson(json[i]!);
      } catch (err) {
        if (err instanceof JsonValueError) throw err.at(`[${i}]`);
        throw err;
      }
      return check(elements, json);
    },
    fromText: (text) => {
      const items = literal(expected, text, () => splitCqlSequence(text, '[', ']'));
      return check(
        items.map((e, i) => part(`[${i}]`, () => element.fromText(e))),
        text,
      );
    },
    toJson: (value) => `[${elementsOf(value).map(element.toJson).join(',')}]`,
  });
}

export function tupleJsonCodec(elements: readonly JsonCodec[]): JsonCodec {
  const cqlType = `tuple<${elements.map((e) => e.cqlType).join(', ')}>`;
  const expected = `${cqlType} (an array of ${elements.length} values)`;
  return defineCodec({
    cqlType,
    fromJson: (json) => {
      if (!Array.isArray(json) || json.length !== elements.length) throw mismatch(expected, json);
      return { collection: { elements: json.map((e, i) => part(`[${i}]`, () => elements[i]!.fromJson(e))) } };
    },
    fromText: (text) => {
      const items = literal(expected, text, () => splitCqlSequence(text, '(', ')'));
      if (items.length !== elements.length) throw mismatch(expected, text);
      return {
        collection: { elements: items.map((e, i) => part(`[${i}]`, () => elements[i]!.fromText(e))) },
      };
    },
    toJson: (value) => {
      const values = elementsOf(value);
      return `[${elements.map((codec, i) => codec.toJson(values[i])).join(',')}]`;
    },
  });
}

export function udtJsonCodec(
  name: string,
  fields: ReadonlyMap<string, JsonCodec>,
  frozen?: boolean,
): JsonCodec {
  const cqlType = frozen ? `frozen<${name}>` : name;
  const expected = `${cqlType} (an object with fields ${[...fields.keys()].join(', ')})`;
  const field = (fieldName: string): JsonCodec => {
    const codec = fields.get(fieldName);
    if (!codec) throw new JsonValueError(expected, `unknown field '${fieldName}'`);
    return codec;
  };
  const names = [...fields.keys()];
  const quotedNames = names.map((n) => `${JSON.stringify(n)}:`);
  return defineCodec({
    cqlType,
    fromJson: (json) => {
      if (json === null || typeof json !== 'object' || Array.isArray(json) || !isPlainObject(json)) {
        throw mismatch(expected, json);
      }
      const out: Record<string, Value> = {};
      for (const [k, v] of Object.entries(json)) out[k] = part(`.${k}`, () => field(k).fromJson(v));
      return { udt: { fields: out } };
    },
    fromText: (text) => {
      const pairs = literal(expected, text, () => splitCqlPairs(text));
      const out: Record<string, Value> = {};
      for (const [k, v] of pairs) out[k] = part(`.${k}`, () => field(k).fromText(v));
      return { udt: { fields: out } };
    },
    toJson: (value) => {
      const present = value.udt?.fields ?? {};
      return `{${names.map((n, i) => `${quotedNames[i]}${fields.get(n)!.toJson(present[n])}`).join(',')}}`;
    },
  });
}

/** A map key as an object key: the key's JSON text without its quotes ("1", "abc", "2024-01-01"). */
function keyText(codec: JsonCodec, value: Value__Output | undefined): string {
  const json = codec.toJson(value);
  return json.startsWith('"') ? json : JSON.stringify(json);
}

export function mapJsonCodec(
  key: JsonCodec,
  value: JsonCodec,
  options: { compact: boolean; frozen?: boolean },
): JsonCodec {
  const inner = `map<${key.cqlType}, ${value.cqlType}>`;
  const cqlType = options.frozen ? `frozen<${inner}>` : inner;
  const expected = options.compact
    ? `${cqlType} (a JSON object)`
    : `${cqlType} (an array of {"key": …, "value": …} objects)`;
  const fromEntries = (entries: Array<[() => Value, () => Value]>): Value => {
    const elements: Value[] = [];
    entries.forEach(([k, v], i) => {
      elements.push(part(` key #${i + 1}`, k), part(` value #${i + 1}`, v));
    });
    return { collection: { elements } };
  };
  return defineCodec({
    cqlType,
    key,
    element: value,
    fromJson: (json) => {
      if (Array.isArray(json)) {
        return fromEntries(
          json.map((entry) => {
            if (entry === null || typeof entry !== 'object' || Array.isArray(entry) || !('key' in entry)) {
              throw mismatch(expected, json);
            }
            const e = entry as Record<string, JsonInput>;
            return [() => key.fromJson(e.key ?? null), () => value.fromJson(e.value ?? null)];
          }),
        );
      }
      if (json === null || typeof json !== 'object' || !isPlainObject(json)) throw mismatch(expected, json);
      // Object keys are always strings: they are read in the key type's text form.
      return fromEntries(
        Object.entries(json).map(([k, v]) => [() => key.fromText(k), () => value.fromJson(v)]),
      );
    },
    fromText: (text) => {
      if (text.trim().startsWith('[')) {
        const entries = literal(expected, text, () =>
          splitCqlSequence(text, '[', ']').map((e) => new Map(splitCqlPairs(e))),
        );
        return fromEntries(
          entries.map((e) => {
            if (!e.has('key') || !e.has('value')) throw mismatch(expected, text);
            return [() => key.fromText(e.get('key')!), () => value.fromText(e.get('value')!)];
          }),
        );
      }
      const pairs = literal(expected, text, () => splitCqlPairs(text));
      return fromEntries(pairs.map(([k, v]) => [() => key.fromText(k), () => value.fromText(v)]));
    },
    toJson: (map) => {
      const elements = elementsOf(map);
      const parts: string[] = [];
      for (let i = 0; i + 1 < elements.length; i += 2) {
        parts.push(
          options.compact
            ? `${keyText(key, elements[i])}:${value.toJson(elements[i + 1])}`
            : `{"key":${key.toJson(elements[i])},"value":${value.toJson(elements[i + 1])}}`,
        );
      }
      return options.compact ? `{${parts.join(',')}}` : `[${parts.join(',')}]`;
    },
  });
}

function isPlainObject(json: object): boolean {
  // LosslessNumber instances are objects too; only plain objects are JSON objects.
  const proto = Object.getPrototypeOf(json);
  return proto === Object.prototype || proto === null;
}
