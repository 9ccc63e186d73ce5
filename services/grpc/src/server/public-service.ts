// stargate.Stargate's service definition as our server uses it. Two changes to what proto-loader
// builds, neither visible to a well-behaved client:
// - a request that is not a valid protobuf encoding decodes to an InvalidMessage, which the handler
//   answers with INVALID_ARGUMENT (inside the stream on streaming calls, which then go on) instead of
//   grpc-js ending the whole call with INTERNAL;
// - a response the handler already encoded (streaming replies, encoded to check their size) is sent
//   as is.
import type * as grpc from '@grpc/grpc-js';
import type { StreamingResponse } from '../../../common/src/proto/generated/stargate/StreamingResponse.js';
import type { MethodTypes } from '../../../common/src/proto/grpc-service-definition.js';
import { loadStargateProto } from '../../../common/src/proto/load-protos.js';

export class InvalidMessage {
  constructor(
    /** The proto message the bytes should have been: Query or Batch. */
    readonly typeName: string,
    readonly reason: string,
  ) {}
}

export interface PublicService {
  definition: grpc.ServiceDefinition;
  encodeStreamingResponse(response: StreamingResponse): Buffer;
}

type AnyMethod = grpc.MethodDefinition<object, object> & MethodTypes;

export function publicStargateService(): PublicService {
  const service = loadStargateProto().stargate.Stargate.service;
  const definition: Record<string, grpc.MethodDefinition<object, object>> = {};
  for (const [name, method] of Object.entries(service) as [string, AnyMethod][]) {
    const typeName = method.requestType.name;
    definition[name] = {
      ...method,
      requestDeserialize: (bytes: Buffer) => {
        try {
          return method.requestDeserialize(bytes);
        } catch (err) {
          return new InvalidMessage(typeName, (err as Error).message);
        }
      },
      responseSerialize: (value: object) =>
        Buffer.isBuffer(value) ? value : method.responseSerialize(value),
    };
  }
  const streaming = service.ExecuteQueryStream;
  return {
    definition: definition as grpc.ServiceDefinition,
    encodeStreamingResponse: (response) => streaming.responseSerialize(response),
  };
}
