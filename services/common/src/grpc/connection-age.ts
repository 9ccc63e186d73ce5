// A maximum age for the HTTP/2 connections of a gRPC server. A client keeps one connection per
// server address for as long as it works, so without an age the replicas added by scaling out
// never get traffic from clients that are already connected (nor from a proxy such as the KEDA
// interceptor, which multiplexes everything on one connection per replica). After the age
// (grpc-js adds ±10 % jitter) the server sends GOAWAY: clients open their next calls on a new
// connection, resolve the name again and pick among every replica, while the calls in flight get
// the grace period to finish before the connection is closed.
import type { ServerOptions } from '@grpc/grpc-js';

export interface ConnectionAge {
  /** 0: connections live for ever. */
  maxAgeMs: number;
  graceMs: number;
}

export function connectionAgeOptions(age: ConnectionAge): ServerOptions {
  if (age.maxAgeMs <= 0) return {};
  return {
    'grpc.max_connection_age_ms': age.maxAgeMs,
    'grpc.max_connection_age_grace_ms': age.graceMs,
  };
}
