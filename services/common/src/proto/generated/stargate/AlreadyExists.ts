// Original file: proto/query.proto


export interface AlreadyExists {
  'keyspace'?: (string);
  'table'?: (string);
}

export interface AlreadyExists__Output {
  'keyspace'?: (string);
  'table'?: (string);
}
