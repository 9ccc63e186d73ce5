// The bridge's serializers for the replies that carry a Response: a ResultSet the query executor
// already encoded (EncodedResultSet) is copied in as bytes, every length known before it is written;
// everything else is encoded by protobufjs as before. Each message's fields keep protobufjs's order
// (a result set is field 1 of Response and QueryWithSchemaResponse, a reply's body comes after its
// id), so the bytes are those protobufjs would write for the same objects.
import type { MultiplexedReplies } from '../../../common/src/proto/generated/stargate/MultiplexedReplies.js';
import type { MultiplexedReply } from '../../../common/src/proto/generated/stargate/MultiplexedReply.js';
import type { QueryWithSchemaResponse } from '../../../common/src/proto/generated/stargate/QueryWithSchemaResponse.js';
import type { Response } from '../../../common/src/proto/generated/stargate/Response.js';
import { plainEncoder } from '../../../common/src/proto/plain-encoder.js';
import { protoRoot } from '../../../common/src/proto/proto-root.js';
import { ProtoWriter, varintLength, WIRE_LEN, WIRE_VARINT } from '../../../common/src/proto/proto-writer.js';
import { EncodedResultSet } from '../query/encoded-result-set.js';

const RESPONSE_RESULT_SET = 1;
const QUERY_WITH_SCHEMA_RESPONSE = 1;
const REPLIES_REPLY = 1;
const REPLY_ID = 1;
const REPLY_RESPONSE = 10;
const REPLY_QUERY_WITH_SCHEMA = 11;

/** A length-delimited field's key and length prefix, in bytes. */
const delimited = (field: number, length: number) => varintLength(field << 3) + varintLength(length) + length;

/** A Response whose result set is encoded: its bytes, and the other fields as protobufjs writes them. */
interface ResponseParts {
  resultSet: Buffer;
  rest: Buffer | undefined;
  length: number;
}

export interface ResponseSerializers {
  response(value: Response): Buffer;
  queryWithSchemaResponse(value: QueryWithSchemaResponse): Buffer;
  multiplexedReplies(value: MultiplexedReplies): Buffer;
}

export function responseSerializers(): ResponseSerializers {
  const root = protoRoot();
  const plainResponse = plainEncoder(root.lookupType('stargate.Response'));
  const plainQueryWithSchema = plainEncoder(root.lookupType('stargate.QueryWithSchemaResponse'));
  const plainReply = plainEncoder(root.lookupType('stargate.MultiplexedReply'));

  /** Undefined when the response has no encoded result set (protobufjs encodes it whole). */
  const responseParts = (response: Response | null | undefined): ResponseParts | undefined => {
    const resultSet = response?.resultSet;
    if (!(resultSet instanceof EncodedResultSet)) return undefined;
    let others = false;
    for (const key in response) {
      if (key !== 'resultSet' && response[key as keyof Response] != null) others = true;
    }
    const rest = others ? plainResponse({ ...response, resultSet: undefined }) : undefined;
    const length = delimited(RESPONSE_RESULT_SET, resultSet.bytes.length) + (rest?.length ?? 0);
    return { resultSet: resultSet.bytes, rest, length };
  };

  const writeResponse = (w: ProtoWriter, parts: ResponseParts) => {
    w.bytes(RESPONSE_RESULT_SET, parts.resultSet);
    if (parts.rest) w.raw(parts.rest);
  };

  /** The reply's id field, written here when it is a safe integer (protobufjs's bytes otherwise). */
  const idField = (reply: MultiplexedReply, body: keyof MultiplexedReply) => {
    const id = typeof reply.id === 'string' ? Number(reply.id) : reply.id;
    if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 && String(id) === String(reply.id)) {
      return { id, bytes: undefined, length: varintLength(REPLY_ID << 3) + varintLength(id) };
    }
    const bytes = plainReply({ ...reply, [body]: undefined });
    return { id: 0, bytes, length: bytes.length };
  };

  const writeReply = (w: ProtoWriter, reply: MultiplexedReply) => {
    let field = REPLY_RESPONSE;
    let parts = responseParts(reply.response);
    let body = parts?.length ?? 0;
    if (!parts && reply.queryWithSchema) {
      parts = responseParts(reply.queryWithSchema.response);
      field = REPLY_QUERY_WITH_SCHEMA;
      body = parts ? delimited(QUERY_WITH_SCHEMA_RESPONSE, parts.length) : 0;
    }
    if (!parts) {
      w.bytes(REPLIES_REPLY, plainReply(reply));
      return;
    }
    const id = idField(reply, field === REPLY_RESPONSE ? 'response' : 'queryWithSchema');
    w.tag(REPLIES_REPLY, WIRE_LEN);
    w.uint32(id.length + delimited(field, body));
    if (id.bytes) w.raw(id.bytes);
    else {
      w.tag(REPLY_ID, WIRE_VARINT);
      w.uint64(id.id);
    }
    w.tag(field, WIRE_LEN);
    w.uint32(body);
    if (field === REPLY_QUERY_WITH_SCHEMA) {
      w.tag(QUERY_WITH_SCHEMA_RESPONSE, WIRE_LEN);
      w.uint32(parts.length);
    }
    writeResponse(w, parts);
  };

  return {
    response: (value) => {
      const parts = responseParts(value);
      if (!parts) return plainResponse(value);
      const w = new ProtoWriter();
      writeResponse(w, parts);
      return w.finish();
    },
    queryWithSchemaResponse: (value) => {
      const parts = responseParts(value.response);
      if (!parts) return plainQueryWithSchema(value);
      const w = new ProtoWriter();
      w.tag(QUERY_WITH_SCHEMA_RESPONSE, WIRE_LEN);
      w.uint32(parts.length);
      writeResponse(w, parts);
      return w.finish();
    },
    multiplexedReplies: (value) => {
      const w = new ProtoWriter();
      for (const reply of value.replies ?? []) writeReply(w, reply);
      return w.finish();
    },
  };
}
