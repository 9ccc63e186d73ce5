// The keyspace the GraphQL fuzzing runs against: one table with a column of every CQL type (as
// test/integration/graphql/scalars.test.ts), a counter table and a user-defined type, made through
// the REST schema API of the stack under test.
export const ALL_TYPES_KEYSPACE = 'fuzz_all_types';

const COLUMNS: Array<[string, string]> = [
  ['id', 'int'],
  ['a', 'ascii'],
  ['bi', 'bigint'],
  ['bl', 'blob'],
  ['bo', 'boolean'],
  ['de', 'decimal'],
  ['do', 'double'],
  ['fl', 'float'],
  ['i', 'int'],
  ['ts', 'timestamp'],
  ['u', 'uuid'],
  ['t', 'text'],
  ['vi', 'varint'],
  ['tu', 'timeuuid'],
  ['ine', 'inet'],
  ['da', 'date'],
  ['ti', 'time'],
  ['si', 'smallint'],
  ['tin', 'tinyint'],
  ['du', 'duration'],
  ['li', 'list<int>'],
  ['se', 'set<text>'],
  ['ma', 'map<text, int>'],
  ['tup', 'tuple<int, text>'],
  ['addr', 'frozen<address>'],
  ['addrs', 'list<frozen<address>>'],
  ['vec', 'vector<float, 3>'],
];

async function call(restPort: number, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${restPort}${path}`, {
    method,
    headers: { 'x-cassandra-token': token, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status >= 300 && res.status !== 409) throw new Error(`${method} ${path}: ${res.status} ${text}`);
}

export async function createAllTypesKeyspace(restPort: number, token: string): Promise<void> {
  const ks = ALL_TYPES_KEYSPACE;
  await call(restPort, token, 'POST', '/v2/schemas/keyspaces', { name: ks, replicas: 1 });
  await call(restPort, token, 'POST', `/v2/schemas/keyspaces/${ks}/types`, {
    name: 'address',
    ifNotExists: true,
    fields: [
      { name: 'street', typeDefinition: 'text' },
      { name: 'zip', typeDefinition: 'int' },
    ],
  });
  await call(restPort, token, 'POST', `/v2/schemas/keyspaces/${ks}/tables`, {
    name: 'scalars',
    ifNotExists: true,
    columnDefinitions: COLUMNS.map(([name, typeDefinition]) => ({ name, typeDefinition })),
    primaryKey: { partitionKey: ['id'] },
  });
  await call(restPort, token, 'POST', `/v2/schemas/keyspaces/${ks}/tables`, {
    name: 'counters',
    ifNotExists: true,
    columnDefinitions: [
      { name: 'id', typeDefinition: 'int' },
      { name: 'c', typeDefinition: 'counter' },
    ],
    primaryKey: { partitionKey: ['id'] },
  });
}

export async function dropAllTypesKeyspace(restPort: number, token: string): Promise<void> {
  await call(restPort, token, 'DELETE', `/v2/schemas/keyspaces/${ALL_TYPES_KEYSPACE}`);
}
