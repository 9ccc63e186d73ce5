// Vector columns (`vector<float, n>`, Cassandra 5.0) as GraphQL lists: [Float] for float vectors.
// The dimension and every element are checked here, so a wrong length, a null element or a number
// no float can hold is the caller's mistake (BAD_USER_INPUT) that names the type, never a failed
// bridge call. Read back, a float element is the shortest decimal of its float32 (0.1, not
// 0.10000000149011612).
import { shortestFloat32, toFloat32 } from '../../../common/src/codecs/float32.js';
import { cqlTypeText } from '../../../common/src/cql/cql-type.js';
import type { TypeSpec__Output } from '../../../common/src/proto/generated/stargate/TypeSpec.js';
import type { Value, Value__Output } from '../../../common/src/proto/generated/stargate/Value.js';
import { BasicType } from '../../../common/src/proto/proto-enums.js';
import { ValueError } from './value-error.js';

export type VectorType = TypeSpec__Output & { vector: NonNullable<TypeSpec__Output['vector']> };

export function isVectorType(type: TypeSpec__Output | undefined): type is VectorType {
  return type?.vector !== undefined && type.vector !== null;
}

/** Whether elements of this vector type are CQL floats (the only ones SAI indexes and ANN orders). */
export function isFloatVector(type: TypeSpec__Output | undefined): type is VectorType {
  return type?.vector?.element?.basic === BasicType.FLOAT;
}

/**
 * A GraphQL list → the proto Value of a vector. `what` names the value in messages
 * ("ann.embedding"; the type by default). Float elements are converted here, others (Cassandra 5.0
 * allows vectors of any type) by `convertElement`.
 */
export function vectorToProto(
  type: VectorType,
  value: unknown,
  options: { what?: string; convertElement?: (element: unknown) => Value } = {},
): Value {
  const what = options.what ?? `a ${cqlTypeText(type)} value`;
  const size = type.vector.size ?? 0;
  const expected = `a list of exactly ${size} ${isFloatVector(type) ? 'numbers' : 'elements'} (${cqlTypeText(type)})`;
  if (!Array.isArray(value)) throw new ValueError(`${what} must be ${expected}`);
  if (value.length !== size) {
    throw new ValueError(
      `${what} must be ${expected}, got ${value.length} element${value.length === 1 ? '' : 's'}`,
    );
  }
  const elements = value.map((element, i) => {
    if (element === null || element === undefined) {
      throw new ValueError(`${what} must be ${expected}, but element ${i} is null`);
    }
    if (isFloatVector(type)) return floatElement(element, i, what);
    if (!options.convertElement) throw new ValueError(`${what} must be a vector of floats`);
    return options.convertElement(element);
  });
  return { collection: { elements } };
}

function floatElement(element: unknown, index: number, what: string): Value {
  const stored = typeof element === 'number' ? toFloat32(element) : Number.NaN;
  if (!Number.isFinite(stored)) {
    throw new ValueError(
      `${what}: element ${index} (${JSON.stringify(element)}) is not a number a float can hold (at most about ±3.4e38)`,
    );
  }
  return { float: stored };
}

/** A vector read from Cassandra → a GraphQL list (float elements as numbers). */
export function vectorFromProto(
  type: VectorType,
  value: Value__Output,
  convertElement: (element: Value__Output) => unknown,
): unknown[] {
  const elements = value.collection?.elements ?? [];
  if (!isFloatVector(type)) return elements.map(convertElement);
  return elements.map((element) =>
    element.float === undefined ? null : shortestFloat32(Number(element.float)),
  );
}
