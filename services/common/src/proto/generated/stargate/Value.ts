// Original file: proto/query.proto

import type { Inet as _stargate_Inet, Inet__Output as _stargate_Inet__Output } from '../stargate/Inet.js';
import type { Uuid as _stargate_Uuid, Uuid__Output as _stargate_Uuid__Output } from '../stargate/Uuid.js';
import type { Collection as _stargate_Collection, Collection__Output as _stargate_Collection__Output } from '../stargate/Collection.js';
import type { UdtValue as _stargate_UdtValue, UdtValue__Output as _stargate_UdtValue__Output } from '../stargate/UdtValue.js';
import type { Varint as _stargate_Varint, Varint__Output as _stargate_Varint__Output } from '../stargate/Varint.js';
import type { Decimal as _stargate_Decimal, Decimal__Output as _stargate_Decimal__Output } from '../stargate/Decimal.js';
import type { Duration as _stargate_Duration, Duration__Output as _stargate_Duration__Output } from '../stargate/Duration.js';
import type { Long } from '@grpc/proto-loader';

export interface _stargate_Value_Null {
}

export interface _stargate_Value_Null__Output {
}

export interface _stargate_Value_Unset {
}

export interface _stargate_Value_Unset__Output {
}

export interface Value {
  'null'?: (_stargate_Value_Null | null);
  'unset'?: (_stargate_Value_Unset | null);
  'int'?: (number | string | Long);
  'float'?: (number | string);
  'double'?: (number | string);
  'boolean'?: (boolean);
  'string'?: (string);
  'bytes'?: (Buffer | Uint8Array | string);
  'inet'?: (_stargate_Inet | null);
  'uuid'?: (_stargate_Uuid | null);
  'date'?: (number);
  'time'?: (number | string | Long);
  'collection'?: (_stargate_Collection | null);
  'udt'?: (_stargate_UdtValue | null);
  'varint'?: (_stargate_Varint | null);
  'decimal'?: (_stargate_Decimal | null);
  'duration'?: (_stargate_Duration | null);
  'inner'?: "null"|"unset"|"int"|"float"|"double"|"boolean"|"string"|"bytes"|"inet"|"uuid"|"date"|"time"|"collection"|"udt"|"varint"|"decimal"|"duration";
}

export interface Value__Output {
  'null'?: (_stargate_Value_Null__Output);
  'unset'?: (_stargate_Value_Unset__Output);
  'int'?: (string);
  'float'?: (number);
  'double'?: (number);
  'boolean'?: (boolean);
  'string'?: (string);
  'bytes'?: (Buffer);
  'inet'?: (_stargate_Inet__Output);
  'uuid'?: (_stargate_Uuid__Output);
  'date'?: (number);
  'time'?: (string);
  'collection'?: (_stargate_Collection__Output);
  'udt'?: (_stargate_UdtValue__Output);
  'varint'?: (_stargate_Varint__Output);
  'decimal'?: (_stargate_Decimal__Output);
  'duration'?: (_stargate_Duration__Output);
  'inner'?: "null"|"unset"|"int"|"float"|"double"|"boolean"|"string"|"bytes"|"inet"|"uuid"|"date"|"time"|"collection"|"udt"|"varint"|"decimal"|"duration";
}
