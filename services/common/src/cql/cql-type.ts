// CQL types in every direction, in one place: a TypeSpec.Basic number ⇄ its CQL name, a TypeSpec
// → CQL type text as users read it ("map<text, int>", "frozen<address>"), CQL type text as
// system_schema writes it → TypeSpec, and a user's type definition checked and re-rendered before it
// enters a schema statement, so a definition can never carry more CQL than one type. Both readings
// of type text go through one parser.
import { ApiError } from '../errors/api-error.js';
import type { TypeSpec, TypeSpec__Output } from '../proto/generated/stargate/TypeSpec.js';
import { BasicType } from '../proto/proto-enums.js';

/** The native types Cassandra has (CUSTOM … DURATION); the geometry numbers after them are DSE's. */
const cassandraBasics = Object.entries(BasicType).filter(([, n]) => n <= BasicType.DURATION);

/** TypeSpec.Basic numbers → CQL names (VARCHAR is written "text", as Stargate's REST API does). */
const basicNames = new Map<number, string>(
  cassandraBasics.map(([key, n]) => [n, key === 'VARCHAR' ? 'text' : key.toLowerCase()]),
);

/** CQL names → TypeSpec.Basic numbers; text and varchar are both reported as VARCHAR, as Stargate does. */
const basicNumbers = new Map<string, number>([
  ...cassandraBasics.filter(([key]) => key !== 'CUSTOM').map(([key, n]) => [key.toLowerCase(), n] as const),
  ['text', BasicType.VARCHAR],
]);

const nativeTypes = new Set(basicNumbers.keys());

/** Whether a (lower-case) name is one of Cassandra's native types ("int", "varchar", "text", …). */
export function isNativeTypeName(name: string): boolean {
  return nativeTypes.has(name);
}

/** The CQL name of a TypeSpec.Basic number ("custom" for one Cassandra does not have). */
export function basicTypeName(basic: number | undefined): string {
  return basicNames.get(basic ?? BasicType.CUSTOM) ?? 'custom';
}

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
  return basicTypeName(type.basic);
}

function frozen(text: string, isFrozen: boolean | undefined): string {
  return isFrozen ? `frozen<${text}>` : text;
}

/** A name as CQL needs it: bare when it is lower-case and unreserved-looking, else double-quoted. */
export function cqlName(name: string): string {
  return /^[a-z][a-z0-9_]*$/.test(name) && !nativeTypes.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/**
 * Checks a type definition from a request ("map<text, frozen<list<int>>>", "address") and returns
 * it normalized. Unknown bare names are taken as user-defined types of the keyspace; Cassandra
 * says whether they exist. Throws a 400 naming the definition and the problem.
 */
export function normalizeTypeDefinition(text: string): string {
  try {
    return renderSyntax(readTypeSyntax(text, { customClasses: false }));
  } catch (err) {
    if (err instanceof TypeSyntaxError) {
      throw new ApiError('REQUEST_INVALID', { detail: `Invalid type definition '${text}': ${err.message}` });
    }
    throw err;
  }
}

export type UdtResolver = (name: string) => TypeSpec | undefined;

/**
 * A CQL type as system_schema writes it ("frozen<map<text, frozen<address>>>", "vector<float, 3>",
 * a custom type as its quoted class name) → Stargate's TypeSpec. User-defined types resolve through
 * the keyspace's own types; an unknown one throws.
 */
export function parseCqlType(text: string, resolveUdt: UdtResolver): TypeSpec {
  let syntax: TypeSyntax;
  try {
    syntax = readTypeSyntax(text, { customClasses: true });
  } catch (err) {
    if (err instanceof TypeSyntaxError) throw new Error(`${err.message} in ${text}`);
    throw err;
  }
  return typeSpecOf(syntax, text, resolveUdt);
}

function renderSyntax(node: TypeSyntax): string {
  if (node.params) {
    const params = node.params.map(renderSyntax);
    if (node.size !== undefined) params.push(String(node.size));
    return `${node.name}<${params.join(', ')}>`;
  }
  if (!node.quoted && nativeTypes.has(node.name.toLowerCase())) {
    return node.name.toLowerCase() === 'varchar' ? 'text' : node.name.toLowerCase();
  }
  // A user-defined type: keep the name as written (unquoted names are case-insensitive in CQL).
  return node.quoted ? cqlName(node.name) : cqlName(node.name.toLowerCase());
}

function typeSpecOf(node: TypeSyntax, text: string, resolveUdt: UdtResolver): TypeSpec {
  if (node.customClass) return { basic: BasicType.CUSTOM };
  const inner = (n: TypeSyntax) => typeSpecOf(n, text, resolveUdt);
  if (node.params) {
    const [first, second] = node.params.map(inner) as [TypeSpec, TypeSpec];
    switch (node.name) {
      case 'frozen':
        return freeze(first);
      case 'list':
        return { list: { element: first } };
      case 'set':
        return { set: { element: first } };
      case 'map':
        return { map: { key: first, value: second } };
      case 'tuple':
        return { tuple: { elements: node.params.map(inner) } };
      case 'vector':
        return { vector: { element: first, size: node.size ?? 0 } };
    }
  }
  const basic = node.quoted ? undefined : basicNumbers.get(node.name.toLowerCase());
  if (basic !== undefined) return { basic: basic as TypeSpec['basic'] };
  const udt = resolveUdt(node.name);
  if (!udt) throw new Error(`unknown type ${node.name} in ${text}`);
  return udt;
}

function freeze(spec: TypeSpec): TypeSpec {
  if (spec.list) return { list: { ...spec.list, frozen: true } };
  if (spec.set) return { set: { ...spec.set, frozen: true } };
  if (spec.map) return { map: { ...spec.map, frozen: true } };
  if (spec.udt) return { udt: { ...spec.udt, frozen: true } };
  return spec;
}

/** One type of a type text: a name (lower-cased when it takes parameters) and its parameters. */
interface TypeSyntax {
  name: string;
  quoted: boolean;
  params?: TypeSyntax[];
  /** A vector's dimension. */
  size?: number;
  /** A custom type written as its quoted Java class name ('org.apache…'), as system_schema does. */
  customClass?: boolean;
}

const parameterCounts: Record<string, number | 'many'> = {
  list: 1,
  set: 1,
  frozen: 1,
  map: 2,
  tuple: 'many',
  vector: 2,
};

class TypeSyntaxError extends Error {}

function readTypeSyntax(text: string, options: { customClasses: boolean }): TypeSyntax {
  const parser = new TypeSyntaxParser(text, options.customClasses);
  const node = parser.type();
  parser.end();
  return node;
}

class TypeSyntaxParser {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly customClasses: boolean,
  ) {}

  type(): TypeSyntax {
    this.skipSpace();
    if (this.customClasses && this.text[this.pos] === "'") {
      const end = this.text.indexOf("'", this.pos + 1);
      this.pos = end < 0 ? this.text.length : end + 1;
      return { name: 'custom', quoted: true, customClass: true };
    }
    const name = this.identifier();
    const lower = name.quoted ? undefined : name.name.toLowerCase();
    if (lower !== undefined && this.peek() === '<') {
      const expected = parameterCounts[lower];
      if (expected === undefined) throw new TypeSyntaxError(`'${name.name}' takes no parameters`);
      this.pos++;
      const params = [this.type()];
      let size: number | undefined;
      if (lower === 'vector') {
        this.expect(',');
        size = this.size();
      }
      while (lower !== 'vector' && this.peek() === ',') {
        this.pos++;
        params.push(this.type());
      }
      this.expect('>');
      const count = params.length + (size === undefined ? 0 : 1);
      if (expected !== 'many' && count !== expected) {
        throw new TypeSyntaxError(`'${lower}' takes ${expected} parameter${expected > 1 ? 's' : ''}`);
      }
      return { name: lower, quoted: false, params, ...(size === undefined ? {} : { size }) };
    }
    if (lower !== undefined && parameterCounts[lower] !== undefined) {
      throw new TypeSyntaxError(`'${lower}' needs parameters in angle brackets`);
    }
    return name;
  }

  end(): void {
    this.skipSpace();
    if (this.pos < this.text.length) {
      throw new TypeSyntaxError(`unexpected '${this.text.slice(this.pos)}' after the type`);
    }
  }

  private identifier(): TypeSyntax {
    this.skipSpace();
    if (this.text[this.pos] === '"') {
      let out = '';
      this.pos++;
      for (;;) {
        if (this.pos >= this.text.length) throw new TypeSyntaxError('unterminated quoted name');
        const ch = this.text[this.pos++]!;
        if (ch !== '"') out += ch;
        else if (this.text[this.pos] === '"') {
          out += '"';
          this.pos++;
        } else break;
      }
      if (out === '' || /\p{Cc}/u.test(out)) throw new TypeSyntaxError('invalid quoted name');
      return { name: out, quoted: true };
    }
    const match = /^[A-Za-z][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (!match) {
      const found = this.pos < this.text.length ? `'${this.text[this.pos]}'` : 'the end';
      throw new TypeSyntaxError(`expected a type name at position ${this.pos}, found ${found}`);
    }
    this.pos += match[0].length;
    return { name: match[0], quoted: false };
  }

  private size(): number {
    this.skipSpace();
    const match = /^[1-9][0-9]{0,5}/.exec(this.text.slice(this.pos));
    if (!match) throw new TypeSyntaxError('a vector needs a positive dimension');
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private peek(): string | undefined {
    this.skipSpace();
    return this.text[this.pos];
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) {
      const found = this.pos < this.text.length ? `'${this.text[this.pos]}'` : 'the end';
      throw new TypeSyntaxError(`expected '${ch}' at position ${this.pos}, found ${found}`);
    }
    this.pos++;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }
}
