// Original file: proto/query.proto


export interface Varint {
  'value'?: (Buffer | Uint8Array | string);
}

export interface Varint__Output {
  'value'?: (Buffer);
}
