// The proto enums' numbers under plain names, taken from the generated code so they cannot drift
// from proto/query.proto: TypeSpec.Basic (a column's native type) and Batch.Type.
export { _stargate_Batch_Type as BatchType } from './generated/stargate/Batch.js';
export { _stargate_TypeSpec_Basic as BasicType } from './generated/stargate/TypeSpec.js';
