// Whether an argument value written in a query refers to a variable anywhere inside it: then it
// can differ between runs of the same text (the cost limit) and cannot be lifted (inline values).
import { Kind, type ValueNode } from '../graphql-js.js';

export function hasVariable(value: ValueNode): boolean {
  switch (value.kind) {
    case Kind.VARIABLE:
      return true;
    case Kind.LIST:
      return value.values.some(hasVariable);
    case Kind.OBJECT:
      return value.fields.some((field) => hasVariable(field.value));
    default:
      return false;
  }
}
