// A parsed `where`: conditions on document paths combined with AND / OR. `$not` is pushed down
// into the conditions when parsing (De Morgan, and each operator's negation), as Stargate's
// NegateFilters rule does, so the tree only has AND, OR and conditions.
import type { PathPattern } from '../path/field-path.js';

export type Scalar = string | number | boolean;

export type ValueOperator = '$eq' | '$ne' | '$lt' | '$lte' | '$gt' | '$gte';
export type ListOperator = '$in' | '$nin';

export type Condition = { path: PathPattern; selectivity?: number } & (
  | { op: ValueOperator; value: Scalar }
  | { op: ListOperator; value: Array<Scalar | null> }
  | { op: '$exists'; value: boolean }
);

export type Expression =
  | { kind: 'condition'; condition: Condition }
  | { kind: 'and'; children: Expression[] }
  | { kind: 'or'; children: Expression[] };

export const TRUE: Expression = { kind: 'and', children: [] };

const negatedValueOp: Record<ValueOperator, ValueOperator> = {
  $eq: '$ne',
  $ne: '$eq',
  $lt: '$gte',
  $gte: '$lt',
  $gt: '$lte',
  $lte: '$gt',
};

function negateCondition(c: Condition): Condition {
  switch (c.op) {
    case '$in':
      return { ...c, op: '$nin' };
    case '$nin':
      return { ...c, op: '$in' };
    case '$exists':
      return { ...c, value: !c.value };
    default:
      return { ...c, op: negatedValueOp[c.op] };
  }
}

export function negate(e: Expression): Expression {
  switch (e.kind) {
    case 'condition':
      return { kind: 'condition', condition: negateCondition(e.condition) };
    case 'and':
      return { kind: 'or', children: e.children.map(negate) };
    default:
      return { kind: 'and', children: e.children.map(negate) };
  }
}

/** Conditions that match a document which has no leaf at the path ($ne, $nin, $exists: false). */
export function matchesMissing(c: Condition): boolean {
  return c.op === '$ne' || c.op === '$nin' || (c.op === '$exists' && !c.value);
}

export function conditionsOf(e: Expression): Condition[] {
  return e.kind === 'condition' ? [e.condition] : e.children.flatMap(conditionsOf);
}

/** Drops single-child AND/OR wrappers and merges nested nodes of the same kind. */
export function simplify(e: Expression): Expression {
  if (e.kind === 'condition') return e;
  const children = e.children.map(simplify).flatMap((c) => (c.kind === e.kind ? c.children : [c]));
  if (children.length === 1) return children[0]!;
  return { kind: e.kind, children };
}
