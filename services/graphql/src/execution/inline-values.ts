// Values written inline (`books(value: {title: "Moby Dick"})`, as Stargate's docs and most migrated
// clients write them) make nearly every query text new, and Mercurius parses, validates, costs and
// runs a new text with graphql-js each time, where a text it has seen is a cache hit run by
// graphql-jit's compiled code: 2–3.5 × the CPU per point read (bench/README.md). So each inline
// argument value becomes a variable, and queries that differ only in their values share one text.
//
// Only what runs identically is lifted: a value valid for its type (as graphql-js's validation
// judges it) whose every scalar parses the variable to exactly what it makes of the literal. A
// document with an invalid value, an unknown field or argument, or a name of ours already in it is
// not lifted at all (it runs as written and gets graphql-js's own errors); values inside
// fragments, directives and variable defaults, and values that contain a variable, stay as
// written. The executor runs a lifted text that is refused again as the client wrote it,
// and maps the locations of execution errors back to the client's text (lifted-locations.ts).
import { isDeepStrictEqual } from 'node:util';
import {
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLScalarType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isUnionType,
  Kind,
  type OperationDefinitionNode,
  parse,
  SchemaMetaFieldDef,
  type SelectionSetNode,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type ValueNode,
  valueFromASTUntyped,
} from '../graphql-js.js';
import { hasVariable } from './has-variable.js';

/** One change from the client's text to the lifted one: [start, end) of the client's text → text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface LiftedOperation {
  /** The client's text with each lifted value replaced by a variable, declared by its operation. */
  query: string;
  /** The lifted values, in the form a client sends variables in. */
  variables: Readonly<Record<string, unknown>>;
  /** The changes, in text order (for mapping error locations back). */
  edits: readonly TextEdit[];
}

/** The variables we add are named VARIABLE_PREFIX + n; a text already using the prefix is left alone. */
const VARIABLE_PREFIX = '_inline';

const INVALID: unique symbol = Symbol('invalid');
type External = unknown | typeof INVALID;

/**
 * The lifted form of `query`, or undefined when nothing is lifted (no inline argument value, not
 * GraphQL, or a document that graphql-js would refuse or might run differently once lifted).
 */
export function liftInlineValues(
  schema: GraphQLSchema,
  query: string,
  maxTokens?: number,
): LiftedOperation | undefined {
  if (query.includes(`$${VARIABLE_PREFIX}`)) return undefined;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens });
  } catch {
    return undefined; // execution reports the syntax error
  }
  const lift: Lift = { schema, edits: [], variables: {}, count: 0 };
  for (const definition of document.definitions) {
    // A fragment may be spread into several operations, each of which would have to declare the
    // variables; its values stay as written.
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = rootType(schema, definition);
    if (!root) return undefined;
    const declarations: string[] = [];
    if (!liftSelections(definition.selectionSet, root, lift, declarations)) return undefined;
    if (declarations.length > 0) lift.edits.push(declare(definition, declarations, query));
  }
  if (lift.count === 0) return undefined;
  lift.edits.sort((a, b) => a.start - b.start);
  return { query: applyEdits(query, lift.edits), variables: lift.variables, edits: lift.edits };
}

interface Lift {
  schema: GraphQLSchema;
  edits: TextEdit[];
  variables: Record<string, unknown>;
  count: number;
}

function rootType(schema: GraphQLSchema, operation: OperationDefinitionNode): GraphQLObjectType | undefined {
  if (operation.operation === 'query') return schema.getQueryType() ?? undefined;
  if (operation.operation === 'mutation') return schema.getMutationType() ?? undefined;
  return undefined; // subscriptions are not served
}

/**
 * Lifts the field arguments of a selection set and those below it; false when the document is
 * not one to lift (a field, argument or type the schema does not have: validation reports it).
 * Directives (@include, @skip) are left alone: they decide the shape, not a value.
 */
function liftSelections(
  selectionSet: SelectionSetNode,
  parent: GraphQLCompositeType,
  lift: Lift,
  declarations: string[],
): boolean {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) continue;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition
        ? lift.schema.getType(selection.typeCondition.name.value)
        : parent;
      if (!isCompositeType(condition)) return false;
      if (!liftSelections(selection.selectionSet, condition, lift, declarations)) return false;
      continue;
    }
    const field = fieldDefinition(lift.schema, parent, selection.name.value);
    if (!field) return false;
    for (const argument of selection.arguments ?? []) {
      const definition = field.args.find((arg) => arg.name === argument.name.value);
      if (!definition) return false;
      if (hasVariable(argument.value)) continue;
      const value = externalForm(argument.value, definition.type);
      if (value === INVALID) return false;
      const name = `${VARIABLE_PREFIX}${lift.count++}`;
      lift.variables[name] = value;
      declarations.push(`$${name}: ${String(definition.type)}`);
      const { start, end } = argument.value.loc!;
      lift.edits.push({ start, end, text: `$${name}` });
    }
    if (selection.selectionSet) {
      const type = getNamedType(field.type);
      if (!isCompositeType(type)) return false;
      if (!liftSelections(selection.selectionSet, type, lift, declarations)) return false;
    }
  }
  return true;
}

function fieldDefinition(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  if (isUnionType(parent)) return undefined;
  const fields = parent.getFields();
  return Object.hasOwn(fields, name) ? fields[name] : undefined;
}

/** The insertion that declares an operation's new variables, after any it declares itself. */
function declare(operation: OperationDefinitionNode, declarations: string[], query: string): TextEdit {
  const list = declarations.join(', ');
  const own = operation.variableDefinitions ?? [];
  const at = (start: number, text: string): TextEdit => ({ start, end: start, text });
  if (own.length > 0) return at(own[own.length - 1]!.loc!.end, `, ${list}`);
  if (operation.name) return at(operation.name.loc!.end, `(${list})`);
  const start = operation.loc!.start;
  // `{ … }` is a query written without its keyword; `query { … }` and `mutation { … }` have one.
  if (query[start] === '{') return at(start, `query(${list}) `);
  return at(start + operation.operation.length, `(${list})`);
}

function applyEdits(query: string, edits: readonly TextEdit[]): string {
  let out = '';
  let from = 0;
  for (const edit of edits) {
    out += query.slice(from, edit.start) + edit.text;
    from = edit.end;
  }
  return out + query.slice(from);
}

/**
 * What a client would send in `variables` for this literal, or INVALID when the literal is not
 * valid for its type (as ValuesOfCorrectTypeRule and UniqueInputFieldNamesRule judge it) or when a
 * scalar would not parse the variable to the very value it makes of the literal.
 */
function externalForm(node: ValueNode, type: GraphQLInputType): External {
  if (isNonNullType(type)) return node.kind === Kind.NULL ? INVALID : externalForm(node, type.ofType);
  if (node.kind === Kind.NULL) return null;
  if (isListType(type)) {
    // A single value where a list is expected is coerced to a list of one, literal or variable.
    if (node.kind !== Kind.LIST) return externalForm(node, type.ofType);
    const items: unknown[] = [];
    for (const item of node.values) {
      const value = externalForm(item, type.ofType);
      if (value === INVALID) return INVALID;
      items.push(value);
    }
    return items;
  }
  if (isInputObjectType(type)) {
    // A @oneOf input object has rules of its own: left as written.
    if (node.kind !== Kind.OBJECT || type.isOneOf) return INVALID;
    const fields = type.getFields();
    const object: Record<string, unknown> = {};
    for (const field of node.fields) {
      const name = field.name.value;
      const definition = Object.hasOwn(fields, name) ? fields[name] : undefined;
      if (!definition || Object.hasOwn(object, name)) return INVALID; // unknown or repeated
      const value = externalForm(field.value, definition.type);
      if (value === INVALID) return INVALID;
      object[name] = value;
    }
    for (const definition of Object.values(fields)) {
      const missing = !Object.hasOwn(object, definition.name);
      if (missing && isNonNullType(definition.type) && definition.defaultValue === undefined) return INVALID;
    }
    return object;
  }
  if (isEnumType(type)) {
    return node.kind === Kind.ENUM && type.getValue(node.value) ? node.value : INVALID;
  }
  if (isScalarType(type)) return scalarForm(node, type);
  return INVALID;
}

/** The first plain JSON form of a scalar literal that the scalar parses to what the literal gives. */
function scalarForm(node: ValueNode, scalar: GraphQLScalarType): External {
  let literal: unknown;
  try {
    literal = scalar.parseLiteral(node, undefined);
  } catch {
    return INVALID;
  }
  for (const candidate of scalarCandidates(node)) {
    try {
      if (sameValue(scalar.parseValue(candidate), literal)) return candidate;
    } catch {
      // not this form
    }
  }
  return INVALID;
}

function scalarCandidates(node: ValueNode): unknown[] {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return [node.value];
    case Kind.INT:
    case Kind.FLOAT: {
      // A number where it is exact, else the digits as text (how clients send 64-bit values).
      const number = Number(node.value);
      const exact = node.kind === Kind.INT ? Number.isSafeInteger(number) : Number.isFinite(number);
      return exact ? [number, node.value] : [node.value];
    }
    default:
      return [valueFromASTUntyped(node)];
  }
}

/** Deep equality where input objects compare by their fields (graphql-js builds some without a prototype). */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameValue(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]));
  }
  return isDeepStrictEqual(a, b);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}
