// Original file: proto/query.proto


export interface Uuid {
  'value'?: (Buffer | Uint8Array | string);
}

export interface Uuid__Output {
  'value'?: (Buffer);
}
