// What the REST routes need: the bridge, the keyspace description cache, settings, a logger.
import type { Logger } from 'pino';
import type { BridgeClient } from '../../../common/src/bridge/bridge-client.js';
import type { SchemaCache } from '../../../common/src/schema/schema-cache.js';
import type { RestConfig } from '../config.js';

export interface RestDeps {
  bridge: BridgeClient;
  schemaCache: SchemaCache;
  config: RestConfig;
  logger: Logger;
}
