// A similarity score (similarity_cosine … : a CQL float, 0 to 1, higher is closer) as the
// `_similarity` field returns it: the shortest decimal of the float32 Cassandra computed.
import { shortestFloat32 } from '../../../common/src/codecs/float32.js';
import type { Value__Output } from '../../../common/src/proto/generated/stargate/Value.js';

export function similarityOutput(value: Value__Output | undefined): number | null {
  if (value?.inner !== 'float') return null;
  return shortestFloat32(Number(value.float));
}
