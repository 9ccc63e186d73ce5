// Original file: proto/query.proto


export interface FunctionFailure {
  'keyspace'?: (string);
  'function'?: (string);
  'argTypes'?: (string)[];
}

export interface FunctionFailure__Output {
  'keyspace'?: (string);
  'function'?: (string);
  'argTypes'?: (string)[];
}
