// A grpc-js service definition built from our protobufjs Root, as @grpc/proto-loader would build
// it (same paths, same decoded shapes: 64-bit integers as strings, oneof names, no defaults filled
// in), but encoding with the plain encoder (see plain-encoder.ts), decoding in one pass with the
// plain decoder (plain-decoder.ts), and parsing the .proto files once per process for every use.
import type * as grpc from '@grpc/grpc-js';
import type protobuf from 'protobufjs';
import { plainDecoder } from './plain-decoder.js';
import { plainEncoder } from './plain-encoder.js';

/** The toObject options whose shapes the plain decoder produces (still used where messages are converted). */
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
      requestDeserialize: plainDecoder(requestType),
      responseSerialize: plainEncoder(responseType),
      responseDeserialize: plainDecoder(responseType),
      originalName: method.name.charAt(0).toLowerCase() + method.name.slice(1),
      requestType,
      responseType,
    };
  }
  return definition as grpc.ServiceDefinition & Record<string, MethodTypes>;
}
