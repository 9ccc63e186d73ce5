// Which index queries find the candidates of a search. A plan is a list of "drivers": each is one
// SAI query (on the leaf rows' path and value columns) that returns at least every document
// satisfying its `covers` condition, and every document the `where` matches satisfies some
// driver's condition. Documents are then checked against the whole `where` in memory.
//   - AND: the cheapest indexable operand drives (lowest $selectivity, then operator and path kind).
//   - OR: every operand must be indexable; their drivers run one after the other.
//   - nothing indexable ($ne, $nin, $exists: false, ...): one full scan of the documents.
// docs/docs-storage-design.md lists which forms are served by indexes.
import type { Condition as CqlCondition } from '../../../common/src/cql/condition.js';
import type { Value } from '../../../common/src/proto/generated/stargate/Value.js';
import type { Json } from '../document/json-tree.js';
import type { ConcreteSegment, PatternSegment } from '../path/field-path.js';
import { COLUMNS } from '../storage/collection-table.js';
import {
  encodeGeneralizedPath,
  encodePath,
  encodeSegment,
  INDEXED_TEXT_MAX_BYTES,
  indexedText,
} from '../storage/leaf-rows.js';
import { conditionHolds } from './evaluate.js';
import type { Condition, Expression, Scalar } from './expression.js';

export interface Driver {
  /** Restrictions on the leaf rows (empty: a scan of every document). */
  restrictions: CqlCondition[];
  allowFiltering: boolean;
  /** The condition this driver's query returns at least every document of (undefined: all). */
  covers?: (doc: Json) => boolean;
  /** The query returns exactly the documents its condition holds for, once each. */
  exact: boolean;
  /** The part of the `where` this driver's condition is (for a count without reading documents). */
  source?: Expression;
  /** For the execution profile: e.g. `p = 'price' AND dbl > ?`. */
  label: string;
}

export interface SearchPlan {
  drivers: Driver[];
}

/** Alternatives (`a,b`) are expanded into one driver each up to this many. */
const MAX_DRIVERS_PER_CONDITION = 16;

const SCAN: Driver = { restrictions: [], allowFiltering: false, exact: true, label: 'scan' };

/**
 * Does the plan's query return exactly the documents the whole `where` matches, each once (one exact
 * driver for all of it, or a scan of every document without a `where`)? Then nothing needs checking
 * after reading, and every row is a result (what a count trusts too).
 */
export function returnsExactlyTheMatches(plan: SearchPlan, where: Expression): boolean {
  const only = plan.drivers.length === 1 ? plan.drivers[0]! : undefined;
  if (!only?.exact) return false;
  if (only.restrictions.length === 0) return where.kind === 'and' && where.children.length === 0;
  return only.source === where;
}

export function planSearch(where: Expression): SearchPlan {
  const planned = plan(where);
  return { drivers: planned ? planned.drivers : [SCAN] };
}

interface Planned {
  drivers: Driver[];
  cost: number;
}

function plan(e: Expression): Planned | undefined {
  switch (e.kind) {
    case 'condition':
      return planCondition(e.condition, e);
    case 'and': {
      let best: Planned | undefined;
      const consider = (p: Planned | undefined) => {
        if (p && (!best || p.cost < best.cost)) best = p;
      };
      for (const child of e.children) consider(plan(child));
      for (const group of sameLeafGroups(e))
        consider(planSameLeaf(group, group.length === e.children.length ? e : undefined));
      return best;
    }
    default: {
      if (e.children.length === 0) return undefined;
      const parts: Planned[] = [];
      for (const child of e.children) {
        const p = plan(child);
        if (!p) return undefined;
        parts.push(p);
      }
      return { drivers: parts.flatMap((p) => p.drivers), cost: parts.reduce((s, p) => s + p.cost, 0) };
    }
  }
}

interface PathRestriction {
  column: string;
  value: string;
  exact: boolean;
  factor: number;
}

function pathRestriction(segments: readonly PatternSegment[]): PathRestriction | undefined {
  if (segments.every((s) => s.kind === 'key' || s.kind === 'index')) {
    return { column: COLUMNS.path, value: encodePath(segments as ConcreteSegment[]), exact: true, factor: 1 };
  }
  if (segments.every((s) => s.kind === 'key' || s.kind === 'index' || s.kind === 'anyIndex')) {
    const asConcrete = segments.map((s) =>
      s.kind === 'anyIndex' ? ({ kind: 'index', index: 0 } as const) : s,
    );
    return {
      column: COLUMNS.generalizedPath,
      value: encodeGeneralizedPath(asConcrete as ConcreteSegment[]),
      // A document may have several leaves under one generalized path: not one row per document.
      exact: false,
      factor: 1.2,
    };
  }
  const last = segments[segments.length - 1];
  if (last?.kind === 'key') {
    return { column: COLUMNS.leaf, value: encodeSegment(last), exact: false, factor: 1.5 };
  }
  return undefined;
}

interface ValueRestriction {
  restrictions: CqlCondition[];
  exact: boolean;
  allowFiltering: boolean;
  /** Usable without a path restriction (an indexed equality or numeric range). */
  standalone: boolean;
  weight: number;
}

function scalarValue(v: Scalar): Value {
  if (typeof v === 'string') return { string: indexedText(v) };
  if (typeof v === 'number') return { double: v };
  return { boolean: v };
}

const COLUMN_OF = { string: COLUMNS.text, number: COLUMNS.number, boolean: COLUMNS.boolean } as const;
const CQL_OP = { $lt: '<', $lte: '<=', $gt: '>', $gte: '>=' } as const;

/** How the value part of a positive condition narrows the leaf rows; undefined if it cannot. */
function valueRestriction(op: Condition['op'], value: unknown): ValueRestriction | undefined {
  if (op === '$exists') {
    return value === true
      ? { restrictions: [], exact: true, allowFiltering: false, standalone: false, weight: 4 }
      : undefined;
  }
  if (op === '$eq') {
    const v = value as Scalar;
    const column = COLUMN_OF[typeof v as 'string' | 'number' | 'boolean'];
    const exact = typeof v !== 'string' || Buffer.byteLength(v, 'utf8') < INDEXED_TEXT_MAX_BYTES - 4;
    return {
      restrictions: [{ column, operator: '=', value: scalarValue(v) }],
      exact,
      allowFiltering: false,
      standalone: true,
      weight: typeof v === 'boolean' ? 2.5 : 1,
    };
  }
  if (op === '$lt' || op === '$lte' || op === '$gt' || op === '$gte') {
    const v = value as Scalar;
    if (typeof v === 'number') {
      return {
        restrictions: [{ column: COLUMNS.number, operator: CQL_OP[op], value: { double: v } }],
        exact: true,
        allowFiltering: false,
        standalone: true,
        weight: 2,
      };
    }
    if (typeof v === 'string') {
      // SAI has no text ranges: Cassandra filters the rows the path index found. The indexed
      // prefix of a value is never greater than the value, so these bounds keep every match.
      const operator = op === '$gt' || op === '$gte' ? '>=' : '<=';
      const bound = op === '$gt' || op === '$gte' ? indexedText(v) : v;
      return {
        restrictions: [{ column: COLUMNS.text, operator, value: { string: bound } }],
        exact: false,
        allowFiltering: true,
        standalone: false,
        weight: 3,
      };
    }
    return { restrictions: [], exact: false, allowFiltering: false, standalone: false, weight: 4 };
  }
  return undefined;
}

function describe(restrictions: readonly CqlCondition[], allowFiltering: boolean): string {
  const shown = restrictions.map((r) => {
    const v = r.value as Value;
    const literal = v.string !== undefined ? `'${v.string}'` : String(v.double ?? v.boolean);
    return `${r.column} ${r.operator} ${literal}`;
  });
  return shown.join(' AND ') + (allowFiltering ? ' ALLOW FILTERING' : '');
}

/** `a,b.c` → [`a.c`, `b.c`]; undefined when that makes too many paths. */
function expandAlternatives(
  segments: readonly PatternSegment[],
  limit: number,
): PatternSegment[][] | undefined {
  let out: PatternSegment[][] = [[]];
  for (const s of segments) {
    const options: PatternSegment[] = s.kind === 'oneOf' ? s.options : [s];
    out = out.flatMap((prefix) => options.map((o) => [...prefix, o]));
    if (out.length > limit) return undefined;
  }
  return out;
}

function planCondition(c: Condition, node: Expression): Planned | undefined {
  const operands: Array<{ op: Condition['op']; value: unknown }> =
    c.op === '$in'
      ? c.value.includes(null)
        ? [{ op: '$exists', value: true }]
        : c.value.map((v) => ({ op: '$eq' as const, value: v }))
      : [{ op: c.op, value: c.value }];
  const paths = expandAlternatives(c.path.segments, MAX_DRIVERS_PER_CONDITION) ?? [c.path.segments];
  if (paths.length * operands.length > MAX_DRIVERS_PER_CONDITION) return undefined;

  const drivers: Driver[] = [];
  let cost = 0;
  for (const segments of paths) {
    for (const operand of operands) {
      const value = valueRestriction(operand.op, operand.value);
      if (!value) return undefined;
      const path = pathRestriction(segments);
      if (!path && !value.standalone) return undefined;
      const restrictions: CqlCondition[] = [
        ...(path ? [{ column: path.column, operator: '=' as const, value: { string: path.value } }] : []),
        ...value.restrictions,
      ];
      const covered: Condition = {
        path: { segments, text: c.path.text },
        ...(operand as { op: '$eq'; value: Scalar }),
      };
      const exact = (path?.exact ?? false) && value.exact && operand.op === c.op;
      drivers.push({
        restrictions,
        allowFiltering: value.allowFiltering,
        covers: (doc) => conditionHolds(covered, doc),
        exact,
        label: describe(restrictions, value.allowFiltering),
        source: paths.length * operands.length === 1 ? node : undefined,
      });
      cost += value.weight * (path ? path.factor : 3);
    }
  }
  return { drivers, cost: cost * (c.selectivity ?? 1) };
}

const BOUNDED_OPS = new Set(['$eq', '$lt', '$lte', '$gt', '$gte']);

/**
 * Conditions of one AND on the same exact path comparing with values of one type, e.g.
 * {"price": {"$gt": 10, "$lt": 20}}: one leaf row must satisfy them all, so one index query with
 * every bound serves them (instead of one bound, the others checked after reading).
 */
function sameLeafGroups(e: Expression & { kind: 'and' }): Condition[][] {
  const groups = new Map<string, Condition[]>();
  for (const child of e.children) {
    if (child.kind !== 'condition') continue;
    const c = child.condition;
    if (!BOUNDED_OPS.has(c.op) || !c.path.segments.every((s) => s.kind === 'key' || s.kind === 'index'))
      continue;
    const key = `${typeof c.value}:${encodePath(c.path.segments as ConcreteSegment[])}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

function planSameLeaf(conditions: Condition[], whole: Expression | undefined): Planned | undefined {
  const path = pathRestriction(conditions[0]!.path.segments);
  if (!path) return undefined;
  const values = conditions.map((c) => valueRestriction(c.op, c.value));
  if (values.some((v) => v === undefined)) return undefined;
  const restrictions: CqlCondition[] = [
    { column: path.column, operator: '=', value: { string: path.value } },
    ...values.flatMap((v) => v!.restrictions),
  ];
  const allowFiltering = values.some((v) => v!.allowFiltering);
  const selectivity = Math.min(...conditions.map((c) => c.selectivity ?? 1));
  return {
    drivers: [
      {
        restrictions,
        allowFiltering,
        covers: (doc) => conditions.every((c) => conditionHolds(c, doc)),
        exact: path.exact && values.every((v) => v!.exact),
        label: describe(restrictions, allowFiltering),
        source: whole,
      },
    ],
    // Bounded on both sides: cheaper than any one of the conditions alone.
    cost: Math.min(...values.map((v) => v!.weight)) * path.factor * 0.5 * selectivity,
  };
}
