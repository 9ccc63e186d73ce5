// Original file: proto/schema.proto


export interface AuthorizeSchemaReadsResponse {
  'authorized'?: (boolean)[];
}

export interface AuthorizeSchemaReadsResponse__Output {
  'authorized'?: (boolean)[];
}
