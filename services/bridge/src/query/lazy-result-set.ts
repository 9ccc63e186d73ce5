// A Response's result set, kept as the driver's ResultSet until someone needs it: the multiplexed
// stream writes it straight into protobuf bytes (encode-result-set.ts), while any code that reads
// or replaces `response.resultSet` (the unary RPCs' encoder, tenant rewriting, QueryWithSchema)
// gets toResultSet's objects, built on first access. Once they were touched the objects are the
// truth, so the bytes are never taken from rows someone may have changed.
import type cassandra from 'cassandra-driver';
import type { Response } from '../../../common/src/proto/generated/stargate/Response.js';
import type { ResultSet } from '../../../common/src/proto/generated/stargate/ResultSet.js';
import { rawPageState } from '../cassandra/driver-internals.js';
import { encodeResultSet } from './encode-result-set.js';
import { toResultSet } from './to-result-set.js';

const ENCODE = Symbol('encodeResultSet');

interface WithEncoder {
  [ENCODE]?: () => Uint8Array | undefined;
}

/** Sets `response.resultSet` from `rs`; the paging state is signed now (errors stay here). */
export function setLazyResultSet(
  response: Response,
  rs: cassandra.types.ResultSet,
  skipMetadata: boolean,
  signPagingState: (raw: Buffer) => Buffer,
): void {
  const raw = rawPageState(rs);
  const signed = raw && raw.length > 0 ? signPagingState(raw) : undefined;
  // Both paths call it only when there is a paging state to sign.
  const sign = () => signed as Buffer;
  let objects: ResultSet | undefined;
  let touched = false;
  Object.defineProperty(response, 'resultSet', {
    enumerable: true,
    configurable: true,
    get() {
      touched = true;
      objects ??= toResultSet(rs, skipMetadata, sign);
      return objects;
    },
    set(value: ResultSet) {
      touched = true;
      objects = value;
    },
  });
  // Not enumerable: a copy of the response ({...response}) reads resultSet and carries no encoder.
  Object.defineProperty(response, ENCODE, {
    enumerable: false,
    value: () => (touched ? undefined : encodeResultSet(rs, skipMetadata, sign)),
  });
}

/** The bytes of `response.resultSet`, when it is still the driver's rows untouched. */
export function encodedResultSet(response: Response): Uint8Array | undefined {
  return (response as WithEncoder)[ENCODE]?.();
}
