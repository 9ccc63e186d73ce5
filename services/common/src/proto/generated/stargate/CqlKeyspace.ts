// Original file: proto/schema.proto


export interface CqlKeyspace {
  'name'?: (string);
  'options'?: ({[key: string]: string});
  'globalName'?: (string);
}

export interface CqlKeyspace__Output {
  'name'?: (string);
  'options'?: ({[key: string]: string});
  'globalName'?: (string);
}
