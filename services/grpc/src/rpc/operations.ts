// The two operations of stargate.Stargate, each reachable by a unary and a streaming RPC: what to
// send the bridge for a Query or a Batch. The bridge applies Stargate's defaults (page size 100,
// LOCAL_QUORUM, SERIAL) and runs tracing when asked.
import type { RequestOptions } from '../../../common/src/bridge/bridge-client.js';
import type { Batch, Batch__Output } from '../../../common/src/proto/generated/stargate/Batch.js';
import type { Query, Query__Output } from '../../../common/src/proto/generated/stargate/Query.js';
import type { Response__Output } from '../../../common/src/proto/generated/stargate/Response.js';

/** What the handlers need of the bridge (BridgeClient, or a fake in unit tests). */
export interface BridgeCalls {
  executeQuery(query: Query, options: RequestOptions): Promise<Response__Output>;
  executeBatch(batch: Batch, options: RequestOptions): Promise<Response__Output>;
}

export interface Operation<Req> {
  unaryMethod: string;
  streamMethod: string;
  run(bridge: BridgeCalls, request: Req, options: RequestOptions): Promise<Response__Output>;
}

export const executeQuery: Operation<Query__Output> = {
  unaryMethod: 'ExecuteQuery',
  streamMethod: 'ExecuteQueryStream',
  run: (bridge, query, options) => bridge.executeQuery(publicQuery(query), options),
};

export const executeBatch: Operation<Batch__Output> = {
  unaryMethod: 'ExecuteBatch',
  streamMethod: 'ExecuteBatchStream',
  run: (bridge, batch, options) => bridge.executeBatch(batch, options),
};

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
