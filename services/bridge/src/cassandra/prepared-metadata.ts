// Bind values are converted for the exact CQL type of each marker, so the bridge needs the
// prepared statement's parameter metadata before it binds. It comes from the driver's own prepare
// path (see driver-internals.ts), so each statement is prepared once per process.
import type cassandra from 'cassandra-driver';
import type { DriverType } from '../codecs/driver-types.js';
import { getPrepared } from './driver-internals.js';
import { notePrepared } from './long-statement-budget.js';

export interface PreparedParameter {
  name: string;
  type: DriverType;
}

export async function preparedParameters(
  client: cassandra.Client,
  cql: string,
): Promise<PreparedParameter[]> {
  notePrepared(client, cql);
  const { meta } = await getPrepared(client, cql);
  return meta.columns as PreparedParameter[];
}
