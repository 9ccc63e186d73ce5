// The data the load writes, created through the APIs as a user would: a keyspace with a replica on
// each of the 3 nodes and its tables (REST schema API), and a Document API namespace with the same
// replication and one collection. Creating what already exists (a kept cluster) is fine.
import type { DataNames } from './load/api-driver.js';
import { httpCall } from './load/http-call.js';

export const DATA: DataNames = {
  keyspace: 'faults',
  table: 'kv',
  counterTable: 'hits',
  namespace: 'faults_docs',
  collection: 'items',
};

const DATACENTERS = [{ name: 'datacenter1', replicas: 3 }];
// DDL on three nodes waits for schema agreement; collections also build six indexes.
const DDL_TIMEOUT_MS = 120_000;

async function create(url: string, token: string, body: unknown, what: string): Promise<void> {
  const answer = await httpCall({ method: 'POST', url, token, body, timeoutMs: DDL_TIMEOUT_MS });
  if (answer.status === 201 || answer.status === 409) return;
  throw new Error(`creating ${what}: ${answer.status} ${answer.body.slice(0, 300)}`);
}

export async function createData(restUrl: string, docsUrl: string, token: string): Promise<void> {
  await create(
    `${restUrl}/v2/schemas/keyspaces`,
    token,
    { name: DATA.keyspace, datacenters: DATACENTERS },
    `keyspace ${DATA.keyspace}`,
  );
  const tables = `${restUrl}/v2/schemas/keyspaces/${DATA.keyspace}/tables`;
  await create(
    tables,
    token,
    {
      name: DATA.table,
      ifNotExists: true,
      columnDefinitions: [
        { name: 'k', typeDefinition: 'text' },
        { name: 'v', typeDefinition: 'text' },
      ],
      primaryKey: { partitionKey: ['k'] },
    },
    `table ${DATA.keyspace}.${DATA.table}`,
  );
  await create(
    tables,
    token,
    {
      name: DATA.counterTable,
      ifNotExists: true,
      columnDefinitions: [
        { name: 'k', typeDefinition: 'text' },
        { name: 'n', typeDefinition: 'counter' },
      ],
      primaryKey: { partitionKey: ['k'] },
    },
    `table ${DATA.keyspace}.${DATA.counterTable}`,
  );
  await create(
    `${docsUrl}/v2/schemas/namespaces`,
    token,
    { name: DATA.namespace, datacenters: DATACENTERS },
    `namespace ${DATA.namespace}`,
  );
  await create(
    `${docsUrl}/v2/namespaces/${DATA.namespace}/collections`,
    token,
    { name: DATA.collection },
    `collection ${DATA.namespace}.${DATA.collection}`,
  );
}
