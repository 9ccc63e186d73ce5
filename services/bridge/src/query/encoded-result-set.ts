// A ResultSet already encoded as protobuf bytes (encode-result-set.ts), standing where the object
// would be in a Response. The bridge's response serializers (rpc/response-serializers.ts) copy its
// bytes as they are; code that reads its fields (a tenant's system_schema listing) gets them decoded
// on first use, so nothing that expects the object form breaks, it only pays for the decoding.
// Its rows and columns are getters: read them one by one (a spread copies neither).

import type { BytesValue } from '../../../common/src/proto/generated/google/protobuf/BytesValue.js';
import type { ColumnSpec } from '../../../common/src/proto/generated/stargate/ColumnSpec.js';
import type { ResultSet, ResultSet__Output } from '../../../common/src/proto/generated/stargate/ResultSet.js';
import type { Row } from '../../../common/src/proto/generated/stargate/Row.js';
import { plainDecoder } from '../../../common/src/proto/plain-decoder.js';
import { protoRoot } from '../../../common/src/proto/proto-root.js';

let decodeResultSet: ((bytes: Uint8Array) => object) | undefined;

export class EncodedResultSet implements ResultSet {
  private decoded: ResultSet__Output | undefined;

  constructor(
    /** The ResultSet message's bytes. */
    readonly bytes: Buffer,
    /**
     * Its paging state, also as a field: protobufjs encodes a singular field only when it is the
     * object's own property (a getter would be skipped), and this object must encode right through
     * protobufjs too. The repeated fields are read through getters.
     */
    readonly pagingState: BytesValue | undefined,
  ) {}

  private fields(): ResultSet__Output {
    decodeResultSet ??= plainDecoder(protoRoot().lookupType('stargate.ResultSet'));
    this.decoded ??= decodeResultSet(this.bytes) as ResultSet__Output;
    return this.decoded;
  }

  get columns(): ColumnSpec[] | undefined {
    return this.fields().columns;
  }

  get rows(): Row[] | undefined {
    return this.fields().rows;
  }
}
