// Bind values are converted for the exact CQL type of each marker, so the bridge needs the
// prepared statement's parameter metadata before it binds. cassandra-driver has no public
// prepare(); its PrepareHandler is the same code path execute({prepare: true}) takes and shares
// the driver's bounded prepared cache, so each statement is prepared once per process.
import { createRequire } from 'node:module';
import type cassandra from 'cassandra-driver';
import type { DriverType } from '../codecs/driver-types.js';

export interface PreparedParameter {
  name: string;
  type: DriverType;
}

interface PrepareHandlerStatic {
  getPrepared(
    client: cassandra.Client,
    loadBalancing: unknown,
    query: string,
    keyspace: string | undefined,
  ): Promise<{ queryId: Buffer; meta: { columns: PreparedParameter[] } }>;
}

const require = createRequire(import.meta.url);
const PrepareHandler = require('cassandra-driver/lib/prepare-handler.js') as PrepareHandlerStatic;

export async function preparedParameters(
  client: cassandra.Client,
  cql: string,
): Promise<PreparedParameter[]> {
  const { loadBalancing } = (client as unknown as { options: { policies: { loadBalancing: unknown } } })
    .options.policies;
  const { meta } = await PrepareHandler.getPrepared(client, loadBalancing, cql, client.keyspace);
  return meta.columns;
}
