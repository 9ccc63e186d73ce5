// The keyspace the GraphQL fuzzing and REST's typed keyspace document run against: one table with a
// column of every CQL type (as test/integration/graphql/scalars.test.ts), a counter table and a
// user-defined type, made through the REST schema API of the stack under test; and the namespace
// Docs' typed namespace document runs against: a collection with a JSON schema and one without.
export const ALL_TYPES_KEYSPACE = 'fuzz_all_types';
export const FUZZ_NAMESPACE = 'fuzz_typed_docs';

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

async function call(port: number, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { 'x-cassandra-token': token, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status >= 300 && res.status !== 409) throw new Error(`${method} ${path}: ${res.status} ${text}`);
}

export async function createAllTypesKeyspace(
  restPort: number,
  token: string,
  ks = ALL_TYPES_KEYSPACE,
): Promise<void> {
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

/** A JSON schema with the keywords OpenAPI 3.0 can carry and some it cannot (converted or left out). */
const PERSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 50 },
    age: { type: 'integer', minimum: 0, maximum: 150 },
    email: { type: ['string', 'null'] },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 5 },
    kind: { const: 'person' },
  },
  required: ['name'],
  additionalProperties: false,
};

export async function createFuzzNamespace(docsPort: number, token: string): Promise<void> {
  const ns = FUZZ_NAMESPACE;
  // Documents a stopped run left behind may not fit the schema: start from an empty namespace.
  await call(docsPort, token, 'DELETE', `/v2/schemas/namespaces/${ns}`).catch(() => undefined);
  await call(docsPort, token, 'POST', '/v2/schemas/namespaces', { name: ns, replicas: 1 });
  for (const name of ['people', 'notes']) {
    await call(docsPort, token, 'POST', `/v2/namespaces/${ns}/collections`, { name });
  }
  await call(docsPort, token, 'PUT', `/v2/namespaces/${ns}/collections/people/json-schema`, PERSON_SCHEMA);
}

export async function dropFuzzNamespace(docsPort: number, token: string): Promise<void> {
  await call(docsPort, token, 'DELETE', `/v2/schemas/namespaces/${FUZZ_NAMESPACE}`);
}
