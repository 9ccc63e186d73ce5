// A grpc-js service definition built from our protobufjs Root, as @grpc/proto-loader would build
// it (same paths, same decoded shapes: 64-bit integers as strings, oneof names, no defaults filled
// in), but encoding with the plain encoder (see plain-encoder.ts) and parsing the .proto files once
// per process for every use.
import type * as grpc from '@grpc/grpc-js';
import type protobuf from 'protobufjs';
import { plainDecoder, plainEncoder } from './plain-encoder.js';

export const decodeOptions: protobuf.IConversionOptions = { longs: String, defaults: false, oneofs: true };

export interface MethodTypes {
  requestType: protobuf.Type;
  responseType: protobuf.Type;
}

export function grpcServiceDefinition(
  service: protobuf.Service,
): grpc.ServiceDefinition & Record<string, MethodTypes> {
  const serviceName = service.fullName.replace(/^\./, '');
  const definition: Record<string, grpc.MethodDefinition<object, object> & MethodTypes> = {};
  for (const method of service.methodsArray) {
    method.resolve();
    const requestType = method.resolvedRequestType!;
    const responseType = method.resolvedResponseType!;
    definition[method.name] = {
      path: `/${serviceName}/${method.name}`,
      requestStream: method.requestStream === true,
      responseStream: method.responseStream === true,
      requestSerialize: plainEncoder(requestType),
      requestDeserialize: plainDecoder(requestType, decodeOptions),
      responseSerialize: plainEncoder(responseType),
      responseDeserialize: plainDecoder(responseType, decodeOptions),
      originalName: method.name.charAt(0).toLowerCase() + method.name.slice(1),
      requestType,
      responseType,
    };
  }
  return definition as grpc.ServiceDefinition & Record<string, MethodTypes>;
}
