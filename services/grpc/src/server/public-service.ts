// stargate.Stargate's service definition as our server uses it. A client's Query or Batch is
// checked to decode and then forwarded to the bridge as the bytes it came in; the bridge's encoded
// Response goes back as it came. Two more changes, neither visible to a well-behaved client:
// - a request that is not a valid protobuf encoding becomes an InvalidMessage, which the handler
//   answers with INVALID_ARGUMENT (inside the stream on streaming calls, which then go on) instead of
//   grpc-js ending the whole call with INTERNAL;
// - a response already encoded (the bridge's, or a streaming reply) is sent as is.
import type * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import type { Status } from '../../../common/src/proto/generated/google/rpc/Status.js';
import type { MethodTypes } from '../../../common/src/proto/grpc-service-definition.js';
import { InvalidMessage } from '../../../common/src/proto/invalid-message.js';
import { loadStargateProto } from '../../../common/src/proto/load-protos.js';

/** A client's Query or Batch: its bytes as they came, and what they decode to (the plain decoder's object). */
export class ClientMessage {
  constructor(
    readonly bytes: Buffer,
    readonly decoded: object,
  ) {}
}

/** One reply of a stream: the bridge's encoded Response, or the status of a failed message. */
export type StreamingReply = { response: Buffer } | { status: Status };

export interface PublicService {
  definition: grpc.ServiceDefinition;
  encodeStreamingResponse(reply: StreamingReply): Buffer;
}

type AnyMethod = grpc.MethodDefinition<object, object> & MethodTypes;

export function publicStargateService(): PublicService {
  const service = loadStargateProto().stargate.Stargate.service;
  const definition: Record<string, grpc.MethodDefinition<object, object>> = {};
  for (const [name, method] of Object.entries(service) as [string, AnyMethod][]) {
    const decode = method.requestDeserialize;
    definition[name] = {
      ...method,
      requestDeserialize: InvalidMessage.guard(
        method.requestType.name,
        (bytes) => new ClientMessage(bytes, decode(bytes)),
      ),
      responseSerialize: (value: object) =>
        Buffer.isBuffer(value) ? value : method.responseSerialize(value),
    };
  }
  const streaming = service.ExecuteQueryStream as unknown as AnyMethod;
  const responseField = streaming.responseType.fields.response!.id;
  return {
    definition: definition as grpc.ServiceDefinition,
    encodeStreamingResponse: (reply) =>
      'response' in reply
        ? embedded(responseField, reply.response)
        : streaming.responseSerialize({ status: reply.status }),
  };
}

/** A message holding only `bytes` (an encoded message) in field `field`. */
function embedded(field: number, bytes: Buffer): Buffer {
  return protobuf.Writer.create()
    .uint32((field << 3) | 2)
    .bytes(bytes)
    .finish() as Buffer;
}
