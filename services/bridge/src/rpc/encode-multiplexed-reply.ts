// The bridge's multiplexed replies as EncodedMultiplexedReply (proto/bridge.proto): each body
// encoded on its own, so a Response's rows (also inside a QueryWithSchemaResponse) go out as the
// bytes written straight from the driver's ResultSet (query/lazy-result-set.ts) instead of one
// object per row and value (issue 19). The wire is MultiplexedReplies' own: a bytes field and an
// embedded message are the same there.
import type protobuf from 'protobufjs';
import type { EncodedMultiplexedReplies } from '../../../common/src/proto/generated/stargate/EncodedMultiplexedReplies.js';
import type { EncodedMultiplexedReply } from '../../../common/src/proto/generated/stargate/EncodedMultiplexedReply.js';
import type { MultiplexedReply } from '../../../common/src/proto/generated/stargate/MultiplexedReply.js';
import type { QueryWithSchemaResponse } from '../../../common/src/proto/generated/stargate/QueryWithSchemaResponse.js';
import type { Response } from '../../../common/src/proto/generated/stargate/Response.js';
import { plainEncoder } from '../../../common/src/proto/plain-encoder.js';
import { protoRoot } from '../../../common/src/proto/proto-root.js';
import { encodedResultSet } from '../query/lazy-result-set.js';

type Encode = (value: object) => Buffer;

let codecs:
  | {
      bodies: Array<[string, Encode]>;
      response: Encode;
      encodedResponse: Encode;
      encodedQueryWithSchema: Encode;
      replies: Encode;
    }
  | undefined;
function replyCodecs() {
  if (!codecs) {
    const root = protoRoot();
    const reply = root.lookupType('stargate.MultiplexedReply');
    codecs = {
      bodies: reply.fieldsArray
        .filter((f) => f.name !== 'id')
        .map((f) => [f.name, plainEncoder(f.resolve().resolvedType as protobuf.Type)]),
      response: plainEncoder(root.lookupType('stargate.Response')),
      encodedResponse: plainEncoder(root.lookupType('stargate.EncodedResponse')),
      encodedQueryWithSchema: plainEncoder(root.lookupType('stargate.EncodedQueryWithSchemaResponse')),
      replies: plainEncoder(root.lookupType('stargate.EncodedMultiplexedReplies')),
    };
  }
  return codecs;
}

function encodeResponse(response: Response): Buffer {
  const { response: objects, encodedResponse } = replyCodecs();
  const resultSet = encodedResultSet(response);
  if (!resultSet) return objects(response);
  return encodedResponse({ resultSet, warnings: response.warnings, traces: response.traces });
}

// A REST or GraphQL read: ExecuteQueryWithSchema's Response (the other answers are rare and small).
function encodeQueryWithSchema(reply: QueryWithSchemaResponse, encode: Encode): Buffer {
  if (!reply.response) return encode(reply);
  return replyCodecs().encodedQueryWithSchema({ response: encodeResponse(reply.response) });
}

export function encodeMultiplexedReply(reply: MultiplexedReply): EncodedMultiplexedReply {
  const body = reply as Record<string, unknown>;
  for (const [name, encode] of replyCodecs().bodies) {
    const value = body[name];
    if (value === undefined || value === null) continue;
    return {
      id: reply.id,
      [name]:
        name === 'response'
          ? encodeResponse(value as Response)
          : name === 'queryWithSchema'
            ? encodeQueryWithSchema(value as QueryWithSchemaResponse, encode)
            : encode(value as object),
    };
  }
  return { id: reply.id };
}

/** The ExecuteMultiplexed stream's serializer on the bridge. */
export function encodeMultiplexedReplies(message: EncodedMultiplexedReplies): Buffer {
  return replyCodecs().replies(message);
}
