// A quick proof that an operation's variables fit their types, for the common case of variables
// of the built-in scalar types (`$k: Int`) given values already of that type: then graphql-js's
// general coercion (a tenth of a point read's GraphQL time) has nothing to say. Anything else
// (custom scalars, input objects, lists, a missing required value) is left to graphql-js.
import { Kind, type VariableDefinitionNode } from '../graphql-js.js';

const MAX_INT = 2 ** 31 - 1;
const MIN_INT = -(2 ** 31);

type Fits = (value: unknown) => boolean;

const BUILT_IN: Record<string, Fits> = {
  Int: (v) => typeof v === 'number' && Number.isInteger(v) && v >= MIN_INT && v <= MAX_INT,
  Float: (v) => typeof v === 'number' && Number.isFinite(v),
  String: (v) => typeof v === 'string',
  Boolean: (v) => typeof v === 'boolean',
  ID: (v) => typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v)),
};

interface BuiltInVariable {
  name: string;
  required: boolean;
  fits: Fits;
}

/** The checks of the operation's variables, or undefined when one is not of a built-in scalar type. */
export function builtInVariableChecks(
  definitions: readonly VariableDefinitionNode[],
): readonly BuiltInVariable[] | undefined {
  const checks: BuiltInVariable[] = [];
  for (const definition of definitions) {
    const required = definition.type.kind === Kind.NON_NULL_TYPE;
    const type = definition.type.kind === Kind.NON_NULL_TYPE ? definition.type.type : definition.type;
    const fits = type.kind === Kind.NAMED_TYPE ? BUILT_IN[type.name.value] : undefined;
    if (!fits) return undefined;
    checks.push({ name: definition.variable.name.value, required, fits });
  }
  return checks;
}

/** True when every variable certainly fits; false means "ask graphql-js", not "invalid". */
export function builtInVariablesFit(
  checks: readonly BuiltInVariable[],
  variables: Record<string, unknown> | undefined,
): boolean {
  for (const check of checks) {
    const value = variables?.[check.name];
    if (value === undefined || value === null) {
      if (check.required) return false;
    } else if (!check.fits(value)) {
      return false;
    }
  }
  return true;
}
