// The API processes speak EncodedMultiplexedRequest/Reply(-ies) to a bridge that speaks
// MultiplexedRequest/Reply(-ies): the two must stay the same on the wire — every field the same number
// and name, embedded messages in the one only where the other has bytes.
import { describe, expect, it } from 'vitest';
import { protoRoot } from '../../../services/common/src/proto/proto-root.js';

const pairs = [
  ['stargate.EncodedMultiplexedRequest', 'stargate.MultiplexedRequest'],
  ['stargate.EncodedMultiplexedReply', 'stargate.MultiplexedReply'],
  ['stargate.EncodedMultiplexedRequests', 'stargate.MultiplexedRequests'],
  ['stargate.EncodedMultiplexedReplies', 'stargate.MultiplexedReplies'],
] as const;

describe('encoded multiplexed messages', () => {
  it.each(pairs)('%s has the wire format of %s', (encodedName, decodedName) => {
    const encoded = protoRoot().lookupType(encodedName);
    const decoded = protoRoot().lookupType(decodedName);
    const shape = (type: typeof encoded, bytesForMessages: boolean) =>
      type.fieldsArray.map((f) => {
        f.resolve();
        const kind = f.resolvedType && 'fields' in f.resolvedType ? 'message' : f.type;
        return {
          id: f.id,
          name: f.name,
          repeated: f.repeated,
          oneof: f.partOf?.name,
          type: bytesForMessages && kind === 'message' ? 'bytes' : kind,
        };
      });
    // Batches hold the encoded messages themselves; single messages carry their bodies as bytes.
    const batch = encodedName.endsWith('s');
    const decodedShape = shape(decoded, !batch).map((f) => (batch ? { ...f, type: 'message' } : f));
    expect(shape(encoded, false).map((f) => (batch ? { ...f, type: 'message' } : f))).toEqual(decodedShape);
  });
});
