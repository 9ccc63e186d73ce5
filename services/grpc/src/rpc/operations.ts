// The two operations of stargate.Stargate, each reachable by a unary and a streaming RPC: what to
// send the bridge for a client's Query or Batch. The bridge applies Stargate's defaults (page size
// 100, LOCAL_QUORUM, SERIAL) and runs tracing when asked.
import type { RequestOptions } from '../../../common/src/bridge/bridge-client.js';
import type { Query, Query__Output } from '../../../common/src/proto/generated/stargate/Query.js';
import { messageCodec } from '../../../common/src/proto/message-codec.js';
import type { ClientMessage } from '../server/public-service.js';

/** What the handlers need of the bridge (BridgeClient, or a scripted one in unit tests). */
export interface BridgeCalls {
  /** An encoded Query → the bridge's encoded Response. */
  forwardQuery(encodedQuery: Buffer, options: RequestOptions): Promise<Buffer>;
  forwardBatch(encodedBatch: Buffer, options: RequestOptions): Promise<Buffer>;
}

export interface Operation {
  unaryMethod: string;
  streamMethod: string;
  /** Sends the client's message to the bridge; answers the encoded Response. */
  run(bridge: BridgeCalls, request: ClientMessage, options: RequestOptions): Promise<Buffer>;
}

export const executeQuery: Operation = {
  unaryMethod: 'ExecuteQuery',
  streamMethod: 'ExecuteQueryStream',
  run: (bridge, query, options) => bridge.forwardQuery(publicQueryBytes(query), options),
};

export const executeBatch: Operation = {
  unaryMethod: 'ExecuteBatch',
  streamMethod: 'ExecuteBatchStream',
  run: (bridge, batch, options) => bridge.forwardBatch(batch.bytes, options),
};

const queryCodec = messageCodec<Query, Query__Output>('stargate.Query');

/** The client's bytes as they came, unless they set bridge-only parameters (see publicQuery). */
export function publicQueryBytes(query: ClientMessage): Buffer {
  const params = (query.decoded as { parameters?: object | null }).parameters;
  // Decoded messages own exactly the fields that were on the wire.
  if (!params || !(Object.hasOwn(params, 'enriched') || Object.hasOwn(params, 'resumeMode'))) {
    return query.bytes;
  }
  return queryCodec.encode(publicQuery(query.decoded as Query__Output));
}

/**
 * Drops the bridge-only query parameters (enriched, resumeMode; query.proto is shared with the
 * bridge): the public API answers exactly as Stargate's, whose Query has no such fields.
 */
export function publicQuery(query: Query__Output): Query {
  const params = query.parameters;
  if (!params || (params.enriched === undefined && params.resumeMode === undefined)) return query;
  const { enriched: _enriched, resumeMode: _resumeMode, ...publicParams } = params;
  return { ...query, parameters: publicParams };
}
