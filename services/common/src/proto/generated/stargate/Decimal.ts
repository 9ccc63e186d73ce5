// Original file: proto/query.proto


export interface Decimal {
  'scale'?: (number);
  'value'?: (Buffer | Uint8Array | string);
}

export interface Decimal__Output {
  'scale'?: (number);
  'value'?: (Buffer);
}
