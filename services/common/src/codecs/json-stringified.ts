// Stargate's "stringified" values: a JSON string (or a URL path segment) may carry any CQL
// type in CQL literal syntax — "[1, 2]" for a list, "{'a': 1}" for a map, "(1, 'x')" for a
// tuple, "{street: 'Main'}" for a UDT — with optional single quotes around strings. This module
// only splits such literals into the raw texts of their parts; the codecs convert the parts.

export class LiteralSyntaxError extends Error {}

/** 'it''s' → it's; anything not wrapped in single quotes is returned as is. */
export function unquoteCqlString(text: string): string {
  if (text.length >= 2 && text.startsWith("'") && text.endsWith("'")) {
    return text.slice(1, -1).replace(/''/g, "'");
  }
  return text;
}

const BARE_CHAR = /[0-9A-Za-z\-+._&]/;

class LiteralScanner {
  private pos = 0;
  constructor(private readonly text: string) {}

  skipSpaces(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  atEnd(): boolean {
    this.skipSpaces();
    return this.pos >= this.text.length;
  }

  peek(): string | undefined {
    this.skipSpaces();
    return this.text[this.pos];
  }

  expect(ch: string): void {
    const found = this.peek();
    if (found !== ch) {
      throw new LiteralSyntaxError(
        `expected '${ch}' at character ${this.pos} but got ${found === undefined ? 'the end' : `'${found}'`}`,
      );
    }
    this.pos++;
  }

  /** One CQL value: a quoted string, a bracketed literal (balanced), or a bare token. */
  value(): string {
    this.skipSpaces();
    const start = this.pos;
    const first = this.text[this.pos];
    if (first === undefined) throw new LiteralSyntaxError(`expected a value at character ${start}`);
    if (first === "'") {
      this.pos = this.endOfString(this.pos);
      return this.text.slice(start, this.pos);
    }
    if (first === '[' || first === '{' || first === '(') {
      let depth = 0;
      while (this.pos < this.text.length) {
        const ch = this.text[this.pos]!;
        if (ch === "'") {
          this.pos = this.endOfString(this.pos);
          continue;
        }
        if (ch === '[' || ch === '{' || ch === '(') depth++;
        else if (ch === ']' || ch === '}' || ch === ')') depth--;
        this.pos++;
        if (depth === 0) return this.text.slice(start, this.pos);
      }
      throw new LiteralSyntaxError(`unbalanced brackets from character ${start}`);
    }
    while (this.pos < this.text.length && BARE_CHAR.test(this.text[this.pos]!)) this.pos++;
    if (this.pos === start) throw new LiteralSyntaxError(`unexpected '${first}' at character ${start}`);
    return this.text.slice(start, this.pos);
  }

  private endOfString(from: number): number {
    let i = from + 1;
    while (i < this.text.length) {
      if (this.text[i] === "'") {
        if (this.text[i + 1] === "'") i += 2;
        else return i + 1;
      } else i++;
    }
    throw new LiteralSyntaxError(`unterminated string from character ${from}`);
  }
}

/** Splits "[a, b]" / "{a, b}" / "(a, b)" into its elements' raw texts (outer quotes removed). */
export function splitCqlSequence(text: string, open: string, close: string): string[] {
  const scanner = new LiteralScanner(text);
  scanner.expect(open);
  const items: string[] = [];
  if (scanner.peek() === close) {
    scanner.expect(close);
  } else {
    for (;;) {
      items.push(unquoteCqlString(scanner.value()));
      if (scanner.peek() === ',') {
        scanner.expect(',');
        continue;
      }
      scanner.expect(close);
      break;
    }
  }
  if (!scanner.atEnd()) throw new LiteralSyntaxError('unexpected text after the closing bracket');
  return items;
}

/** Splits "{k1: v1, k2: v2}" (a map or a UDT) into raw [key, value] texts (outer quotes removed). */
export function splitCqlPairs(text: string): Array<[string, string]> {
  const scanner = new LiteralScanner(text);
  scanner.expect('{');
  const pairs: Array<[string, string]> = [];
  if (scanner.peek() === '}') {
    scanner.expect('}');
  } else {
    for (;;) {
      const key = unquoteCqlString(scanner.value());
      scanner.expect(':');
      pairs.push([key, unquoteCqlString(scanner.value())]);
      if (scanner.peek() === ',') {
        scanner.expect(',');
        continue;
      }
      scanner.expect('}');
      break;
    }
  }
  if (!scanner.atEnd()) throw new LiteralSyntaxError('unexpected text after the closing bracket');
  return pairs;
}
