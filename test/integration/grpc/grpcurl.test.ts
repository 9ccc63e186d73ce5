// grpcurl, the client the README shows, against the gRPC API: reflection serves complete descriptors
// (every imported file), so `list`, `describe` and the README's call work as pasted.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../../support/bridge-harness.js';
import { findGrpcurl } from '../../support/find-grpcurl.js';
import { startTestGrpcApi, type TestGrpcApi } from './support/grpc-api-harness.js';

const run = promisify(execFile);
const grpcurl = findGrpcurl();
if (!grpcurl) {
  console.warn(
    '\n!!! grpcurl not found: the grpcurl tests are SKIPPED. Install it with\n' +
      '!!!   go install github.com/fullstorydev/grpcurl/cmd/grpcurl@v1.9.4\n',
  );
}

let bridge: TestBridge;
let api: TestGrpcApi;

beforeAll(async () => {
  if (!grpcurl) return;
  bridge = await startTestBridge();
  api = await startTestGrpcApi(bridge.address);
});

afterAll(async () => {
  await api?.close();
  await bridge?.close();
});

async function grpcurlOut(...args: string[]): Promise<string> {
  const { stdout } = await run(grpcurl!, ['-plaintext', ...args], { timeout: 20_000 });
  return stdout;
}

describe.skipIf(!grpcurl)('grpcurl against the gRPC API', () => {
  it('lists and describes the services', async () => {
    const services = (await grpcurlOut(api.address, 'list')).split('\n');
    expect(services).toContain('stargate.Stargate');
    expect(services).toContain('grpc.health.v1.Health');
    const described = await grpcurlOut(api.address, 'describe', 'stargate.Stargate');
    expect(described).toContain('rpc ExecuteQuery ( .stargate.Query ) returns ( .stargate.Response );');
    const params = await grpcurlOut(api.address, 'describe', 'stargate.QueryParameters');
    expect(params).toContain('.google.protobuf.StringValue keyspace = 1;');
  });

  it("runs the README's query", async () => {
    const out = await grpcurlOut(
      '-H',
      `x-cassandra-token: ${bridge.token}`,
      '-d',
      '{"cql":"SELECT release_version FROM system.local"}',
      api.address,
      'stargate.Stargate/ExecuteQuery',
    );
    const response = JSON.parse(out) as { resultSet: { rows: Array<{ values: Array<{ string: string }> }> } };
    expect(response.resultSet.rows[0]!.values[0]!.string).toMatch(/^5\.0\./);
  });

  it('answers a call without a token with Unauthenticated', async () => {
    const err = await grpcurlOut(
      '-d',
      '{"cql":"SELECT release_version FROM system.local"}',
      api.address,
      'stargate.Stargate/ExecuteQuery',
    ).then(
      () => undefined,
      (e: { stdout?: string; stderr?: string }) => `${e.stdout ?? ''}${e.stderr ?? ''}`,
    );
    expect(err).toContain('Code: Unauthenticated');
  });
});
