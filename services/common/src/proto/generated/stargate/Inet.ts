// Original file: proto/query.proto


export interface Inet {
  'value'?: (Buffer | Uint8Array | string);
}

export interface Inet__Output {
  'value'?: (Buffer);
}
