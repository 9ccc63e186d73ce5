// What the connected Cassandra supports, read from the cluster (release version and settings),
// not assumed: SAI and vectors arrived in 5.0, secondary indexes and materialized views can be
// switched off in cassandra.yaml.
import type cassandra from 'cassandra-driver';
import type { SupportedFeaturesResponse } from '../../../common/src/proto/generated/stargate/SupportedFeaturesResponse.js';

export async function readSupportedFeatures(client: cassandra.Client): Promise<SupportedFeaturesResponse> {
  const local = await client.execute('SELECT release_version FROM system.local', [], { isIdempotent: true });
  const version = String(local.first()?.release_version ?? '0');
  const major = Number.parseInt(version.split('.')[0] ?? '0', 10);
  const secondaryIndexes = await readBooleanSetting(client, 'secondary_indexes_enabled', true);
  return {
    secondaryIndexes,
    sai: major >= 5,
    loggedBatches: true,
    vectorSearch: major >= 5,
  };
}

async function readBooleanSetting(
  client: cassandra.Client,
  name: string,
  fallback: boolean,
): Promise<boolean> {
  try {
    const rs = await client.execute('SELECT value FROM system_views.settings WHERE name = ?', [name], {
      prepare: true,
      isIdempotent: true,
    });
    const value = rs.first()?.value;
    return value === undefined || value === null ? fallback : String(value) === 'true';
  } catch {
    // system_views exists from Cassandra 4.0 on.
    return fallback;
  }
}
