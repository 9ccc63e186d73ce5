// Statements with long inline string literals (a document or a text written into the CQL instead of
// bound), a few at once, through the gRPC API with the bridge as it ships (its own process, the
// production heap cap of 160 MiB). The bridge's CQL lexer built each literal one character at a
// time: a 4 MB literal became a chain of four million string pieces (~100 MB) that lived as long as
// the statement ran, and four such statements at once killed the bridge with "JavaScript heap out
// of memory".
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StargateClient } from '../../../services/common/src/proto/generated/stargate/Stargate.js';
import { isRunning, useServiceProcesses } from '../../support/service-processes.js';
import { connectProto, executeQuery, ok, tokenMetadata } from './support/proto-client.js';

const processes = useServiceProcesses('grpc');
const keyspace = `hc_literals_${randomBytes(3).toString('hex')}`;
let client: StargateClient;

const su = (cql: string) => ok(executeQuery(client, { cql }, tokenMetadata(processes.bridge.token)));

beforeAll(async () => {
  client = connectProto(`127.0.0.1:${processes.api.port}`);
  await su(
    `CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
  );
  await su(`CREATE TABLE ${keyspace}.notes (id int PRIMARY KEY, body text)`);
}, 60_000);

afterAll(async () => {
  if (client && isRunning(processes.bridge.service)) await su(`DROP KEYSPACE IF EXISTS ${keyspace}`);
  client?.close();
});

it('24 inserts with a ~4 MB string literal, 4 at a time, are written; the bridge stays up', async () => {
  // Just under the gRPC API's 4 MiB message limit (GRPC_MAX_MESSAGE_BYTES); '' is an escaped quote.
  const body = `it''s ${'x'.repeat(4_100_000)}`;
  const metadata = tokenMetadata(processes.bridge.token);
  for (let round = 0; round < 6; round++) {
    const results = await Promise.all(
      [0, 1, 2, 3].map((n) =>
        executeQuery(
          client,
          { cql: `INSERT INTO ${keyspace}.notes (id, body) VALUES (${round * 4 + n}, '${body}')` },
          metadata,
        ),
      ),
    );
    for (const { err } of results) expect(err?.details ?? null, `round ${round}`).toBeNull();
  }
  expect(isRunning(processes.bridge.service)).toBe(true);
  const read = await su(`SELECT id, body FROM ${keyspace}.notes WHERE id = 23`);
  expect(read.resultSet?.rows?.[0]?.values?.[1]?.string).toBe(`it's ${'x'.repeat(4_100_000)}`);
}, 180_000);
