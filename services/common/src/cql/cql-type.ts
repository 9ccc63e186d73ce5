// CQL type text in both directions: a TypeSpec as users read it ("map<text, int>",
// "frozen<address>"), and a user's type definition checked and re-rendered before it enters a
// schema statement, so a definition can never carry more CQL than one type.
import { ApiError } from '../errors/api-error.js';
import type { TypeSpec__Output } from '../proto/generated/stargate/TypeSpec.js';

/** TypeSpec.Basic numbers → CQL names (VARCHAR is written "text", as Stargate's REST API does). */
const basicNames: Record<number, string> = {
  0: 'custom',
  1: 'ascii',
  2: 'bigint',
  3: 'blob',
  4: 'boolean',
  5: 'counter',
  6: 'decimal',
  7: 'double',
  8: 'float',
  9: 'int',
  10: 'text',
  11: 'timestamp',
  12: 'uuid',
  13: 'text',
  14: 'varint',
  15: 'timeuuid',
  16: 'inet',
  17: 'date',
  18: 'time',
  19: 'smallint',
  20: 'tinyint',
  21: 'duration',
};

const nativeTypes = new Set([...Object.values(basicNames).filter((n) => n !== 'custom'), 'varchar']);

/** "list<int>", "frozen<map<text, int>>", "tuple<int, text>", "vector<float, 3>", "frozen<address>". */
export function cqlTypeText(type: TypeSpec__Output | undefined): string {
  if (!type) return 'unknown';
  if (type.list) return frozen(`list<${cqlTypeText(type.list.element)}>`, type.list.frozen);
  if (type.set) return frozen(`set<${cqlTypeText(type.set.element)}>`, type.set.frozen);
  if (type.map) {
    return frozen(`map<${cqlTypeText(type.map.key)}, ${cqlTypeText(type.map.value)}>`, type.map.frozen);
  }
  if (type.tuple) return `tuple<${(type.tuple.elements ?? []).map(cqlTypeText).join(', ')}>`;
  if (type.vector) return `vector<${cqlTypeText(type.vector.element)}, ${type.vector.size ?? 0}>`;
  if (type.udt) return frozen(cqlName(type.udt.name ?? ''), type.udt.frozen);
  return basicNames[type.basic ?? 0] ?? 'custom';
}

function frozen(text: string, isFrozen: boolean | undefined): string {
  return isFrozen ? `frozen<${text}>` : text;
}

/** A name as CQL needs it: bare when it is lower-case and unreserved-looking, else double-quoted. */
export function cqlName(name: string): string {
  return /^[a-z][a-z0-9_]*$/.test(name) && !nativeTypes.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

const parameterCounts: Record<string, number | 'many'> = {
  list: 1,
  set: 1,
  frozen: 1,
  map: 2,
  tuple: 'many',
  vector: 2,
};

/**
 * Checks a type definition from a request ("map<text, frozen<list<int>>>", "address") and returns
 * it normalized. Unknown bare names are taken as user-defined types of the keyspace; Cassandra
 * says whether they exist. Throws a 400 naming the definition and the problem.
 */
export function normalizeTypeDefinition(text: string): string {
  const parser = new TypeDefinitionParser(text);
  try {
    const rendered = parser.type();
    parser.end();
    return rendered;
  } catch (err) {
    if (err instanceof TypeDefinitionError) {
      throw new ApiError('REQUEST_INVALID', { detail: `Invalid type definition '${text}': ${err.message}` });
    }
    throw err;
  }
}

class TypeDefinitionError extends Error {}

class TypeDefinitionParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  type(): string {
    const name = this.identifier();
    const lower = name.quoted ? undefined : name.text.toLowerCase();
    if (lower !== undefined && this.peek() === '<') {
      const expected = parameterCounts[lower];
      if (expected === undefined) throw new TypeDefinitionError(`'${name.text}' takes no parameters`);
      this.pos++;
      const params = [this.type()];
      if (lower === 'vector') {
        this.expect(',');
        params.push(this.size());
      }
      while (lower !== 'vector' && this.peek() === ',') {
        this.pos++;
        params.push(this.type());
      }
      this.expect('>');
      if (expected !== 'many' && params.length !== expected) {
        throw new TypeDefinitionError(`'${lower}' takes ${expected} parameter${expected > 1 ? 's' : ''}`);
      }
      return `${lower}<${params.join(', ')}>`;
    }
    if (lower !== undefined && parameterCounts[lower] !== undefined) {
      throw new TypeDefinitionError(`'${lower}' needs parameters in angle brackets`);
    }
    if (lower !== undefined && nativeTypes.has(lower)) return lower === 'varchar' ? 'text' : lower;
    // A user-defined type: keep the name as written (unquoted names are case-insensitive in CQL).
    return name.quoted ? cqlName(name.text) : cqlName(name.text.toLowerCase());
  }

  end(): void {
    this.skipSpace();
    if (this.pos < this.text.length) {
      throw new TypeDefinitionError(`unexpected '${this.text.slice(this.pos)}' after the type`);
    }
  }

  private identifier(): { text: string; quoted: boolean } {
    this.skipSpace();
    if (this.text[this.pos] === '"') {
      let out = '';
      this.pos++;
      for (;;) {
        if (this.pos >= this.text.length) throw new TypeDefinitionError('unterminated quoted name');
        const ch = this.text[this.pos++]!;
        if (ch !== '"') out += ch;
        else if (this.text[this.pos] === '"') {
          out += '"';
          this.pos++;
        } else break;
      }
      if (out === '' || /\p{Cc}/u.test(out)) throw new TypeDefinitionError('invalid quoted name');
      return { text: out, quoted: true };
    }
    const match = /^[A-Za-z][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (!match) {
      const found = this.pos < this.text.length ? `'${this.text[this.pos]}'` : 'the end';
      throw new TypeDefinitionError(`expected a type name at position ${this.pos}, found ${found}`);
    }
    this.pos += match[0].length;
    return { text: match[0], quoted: false };
  }

  private size(): string {
    this.skipSpace();
    const match = /^[1-9][0-9]{0,5}/.exec(this.text.slice(this.pos));
    if (!match) throw new TypeDefinitionError('a vector needs a positive dimension');
    this.pos += match[0].length;
    return match[0];
  }

  private peek(): string | undefined {
    this.skipSpace();
    return this.text[this.pos];
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) {
      const found = this.pos < this.text.length ? `'${this.text[this.pos]}'` : 'the end';
      throw new TypeDefinitionError(`expected '${ch}' at position ${this.pos}, found ${found}`);
    }
    this.pos++;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }
}
