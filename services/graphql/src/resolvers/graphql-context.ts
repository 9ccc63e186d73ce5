// What every resolver receives: the caller's token (passed to the bridge as-is) and, for an
// @atomic operation, the shared result of its one batch.
import type { Logger } from 'pino';
import type { BridgeClient } from '../../../common/src/bridge/bridge-client.js';
import type { CancelSignal } from '../../../common/src/bridge/cancel-signal.js';
import type { SchemaCache } from '../../../common/src/schema/schema-cache.js';

export interface GraphqlContext {
  token: string;
  /** Set by the first mutation resolver of an @atomic operation; the others await it. */
  atomic?: Promise<Map<string, unknown>>;
  /** Aborted when the client goes away before its answer (set by /graphql-admin). */
  abandoned?: CancelSignal;
}

export interface ResolverDeps {
  bridge: BridgeClient;
  schemaCache: SchemaCache;
  logger: Logger;
  /** Deadline of each bridge call. */
  deadlineMs?: number;
}
