// A CQL type as system_schema writes it ("frozen<map<text, frozen<address>>>", "vector<float, 3>")
// → Stargate's TypeSpec. UDT names resolve through the keyspace's own types.
import type { TypeSpec } from '../../../common/src/proto/generated/stargate/TypeSpec.js';

const basicCodes: Record<string, number> = {
  ascii: 1,
  bigint: 2,
  blob: 3,
  boolean: 4,
  counter: 5,
  decimal: 6,
  double: 7,
  float: 8,
  int: 9,
  text: 13,
  timestamp: 11,
  uuid: 12,
  varchar: 13,
  varint: 14,
  timeuuid: 15,
  inet: 16,
  date: 17,
  time: 18,
  smallint: 19,
  tinyint: 20,
  duration: 21,
};

export type UdtResolver = (name: string) => TypeSpec | undefined;

export function parseCqlType(text: string, resolveUdt: UdtResolver): TypeSpec {
  const parser = new TypeParser(text, resolveUdt);
  const spec = parser.parse();
  parser.expectEnd();
  return spec;
}

class TypeParser {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly resolveUdt: UdtResolver,
  ) {}

  parse(): TypeSpec {
    this.skipSpace();
    if (this.text[this.pos] === "'") {
      const end = this.text.indexOf("'", this.pos + 1);
      this.pos = end < 0 ? this.text.length : end + 1;
      return { basic: 0 as TypeSpec['basic'] };
    }
    const name = this.name();
    const lower = name.toLowerCase();
    if (this.peek('<')) {
      this.pos++;
      switch (lower) {
        case 'frozen': {
          const inner = this.parse();
          this.expect('>');
          return freeze(inner);
        }
        case 'list':
        case 'set': {
          const element = this.parse();
          this.expect('>');
          return lower === 'list' ? { list: { element } } : { set: { element } };
        }
        case 'map': {
          const key = this.parse();
          this.expect(',');
          const value = this.parse();
          this.expect('>');
          return { map: { key, value } };
        }
        case 'tuple': {
          const elements = [this.parse()];
          while (this.peek(',')) {
            this.pos++;
            elements.push(this.parse());
          }
          this.expect('>');
          return { tuple: { elements } };
        }
        case 'vector': {
          const element = this.parse();
          this.expect(',');
          this.skipSpace();
          const size = Number(this.name());
          this.expect('>');
          return { vector: { element, size } };
        }
        default:
          throw new Error(`unknown parameterized type ${name} in ${this.text}`);
      }
    }
    const code = basicCodes[lower];
    if (code !== undefined && !this.wasQuoted) return { basic: code as TypeSpec['basic'] };
    const udt = this.resolveUdt(name);
    if (!udt) throw new Error(`unknown type ${name} in ${this.text}`);
    return udt;
  }

  private wasQuoted = false;

  private name(): string {
    this.skipSpace();
    this.wasQuoted = false;
    if (this.text[this.pos] === '"') {
      this.wasQuoted = true;
      let out = '';
      this.pos++;
      while (this.pos < this.text.length) {
        if (this.text[this.pos] === '"') {
          if (this.text[this.pos + 1] === '"') {
            out += '"';
            this.pos += 2;
            continue;
          }
          this.pos++;
          break;
        }
        out += this.text[this.pos++];
      }
      return out;
    }
    const start = this.pos;
    while (this.pos < this.text.length && /[A-Za-z0-9_]/.test(this.text[this.pos]!)) this.pos++;
    if (start === this.pos) throw new Error(`expected a type name at ${this.pos} in ${this.text}`);
    return this.text.slice(start, this.pos);
  }

  private skipSpace(): void {
    while (this.text[this.pos] === ' ') this.pos++;
  }

  private peek(ch: string): boolean {
    this.skipSpace();
    return this.text[this.pos] === ch;
  }

  private expect(ch: string): void {
    if (!this.peek(ch)) throw new Error(`expected '${ch}' at ${this.pos} in ${this.text}`);
    this.pos++;
  }

  expectEnd(): void {
    this.skipSpace();
    if (this.pos !== this.text.length) throw new Error(`unexpected text at ${this.pos} in ${this.text}`);
  }
}

function freeze(spec: TypeSpec): TypeSpec {
  if (spec.list) return { list: { ...spec.list, frozen: true } };
  if (spec.set) return { set: { ...spec.set, frozen: true } };
  if (spec.map) return { map: { ...spec.map, frozen: true } };
  if (spec.udt) return { udt: { ...spec.udt, frozen: true } };
  return spec;
}
