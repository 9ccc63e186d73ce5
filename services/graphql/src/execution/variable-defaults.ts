// Default values of an operation's variables, filled in for variables the client left out.
// graphql-jit (which Mercurius switches to once an operation has run `jitAfter` times) ignores the
// default of a non-null variable: `query($x: Boolean! = false)` without `x` then fails with
// "Variable "$x" of required type "Boolean!" was not provided", though graphql-js (and the spec)
// use the default. Filling them in before execution gives both engines the same input. Defaults are
// converted to their JSON input form (what a client would have sent), so each engine coerces them
// as it coerces any variable. An explicit null is left alone: the spec refuses it for non-null types.
import { BoundedCache } from '../../../common/src/cache/bounded-cache.js';
import { getOperationAST, parse, valueFromASTUntyped } from '../graphql-js.js';
import { isKeptText } from './kept-text.js';
import type { KeptTextAccount } from './kept-text-budget.js';

type Defaults = ReadonlyArray<readonly [name: string, value: unknown]>;

const NONE: Defaults = [];

export class VariableDefaults {
  private readonly byOperation: BoundedCache<string, Defaults>;

  constructor(
    maxEntries: number,
    private readonly kept: KeptTextAccount,
    private readonly maxTokens?: number,
  ) {
    this.byOperation = new BoundedCache({ maxEntries, onDrop: (_, key) => kept.refund(key.length) });
  }

  clear(): void {
    this.byOperation.clear();
  }

  /** The variables to execute with: the client's, plus the defaults of those it left out. */
  apply(
    query: string,
    operationName: string | null | undefined,
    variables: Record<string, unknown>,
  ): Record<string, unknown> {
    const defaults = this.defaultsOf(query, operationName);
    let filled: Record<string, unknown> | undefined;
    for (const [name, value] of defaults) {
      if (Object.hasOwn(variables, name)) continue;
      filled ??= { ...variables };
      // defineProperty: a variable named __proto__ must stay a plain property.
      Object.defineProperty(filled, name, { value, enumerable: true, writable: true, configurable: true });
    }
    return filled ?? variables;
  }

  private defaultsOf(query: string, operationName: string | null | undefined): Defaults {
    // A variable is declared with `$`: a query without one (values written inline, as Stargate's
    // examples write them, so nearly every text is new) has none, and needs no parse of its own.
    if (!query.includes('$')) return NONE;
    // The operation name counts too: a client may send any string there.
    const key = operationName ? `${operationName}\u0000${query}` : query;
    if (!isKeptText(key)) return readDefaults(query, operationName, this.maxTokens);
    let defaults = this.byOperation.get(key);
    if (!defaults) {
      defaults = readDefaults(query, operationName, this.maxTokens);
      this.kept.charge(key.length);
      this.byOperation.set(key, defaults);
    }
    return defaults;
  }
}

function readDefaults(
  query: string,
  operationName: string | null | undefined,
  maxTokens: number | undefined,
): Defaults {
  let operation: ReturnType<typeof getOperationAST>;
  try {
    operation = getOperationAST(parse(query, { maxTokens }), operationName ?? undefined);
  } catch {
    return NONE; // not GraphQL: execution reports the syntax error
  }
  const defaults = (operation?.variableDefinitions ?? [])
    .filter((definition) => definition.defaultValue !== undefined)
    .map(
      (definition) =>
        [definition.variable.name.value, valueFromASTUntyped(definition.defaultValue!)] as const,
    );
  return defaults.length > 0 ? defaults : NONE;
}
