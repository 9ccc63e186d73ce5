import * as protoLoader from '@grpc/proto-loader';
import { describe, expect, it } from 'vitest';
import { loadBridgeProto, protoDir } from '../../../services/common/src/proto/load-protos.js';

interface Method {
  requestSerialize(value: object): Buffer;
  requestDeserialize(bytes: Buffer): unknown;
  responseSerialize(value: object): Buffer;
  responseDeserialize(bytes: Buffer): unknown;
}

const ours = (loadBridgeProto().stargate.StargateBridge.service as unknown as Record<string, Method>)
  .ExecuteMultiplexed!;
const protoLoaders = (
  protoLoader.loadSync('bridge.proto', {
    keepCase: false,
    longs: String,
    defaults: false,
    oneofs: true,
    includeDirs: [protoDir],
  })['stargate.StargateBridge'] as unknown as Record<string, Method>
).ExecuteMultiplexed!;

describe('service definitions encode plain objects directly', () => {
  it('encodes a reply to the same bytes as proto-loader, and decodes it to the same shape', () => {
    const reply = {
      id: '42',
      response: {
        resultSet: {
          columns: [
            { name: 'k', type: { basic: 9 } },
            { name: 'm', type: { map: { key: { basic: 'VARCHAR' }, value: { basic: 'BIGINT' } } } },
          ],
          rows: [{ values: [{ int: '-9223372036854775808' }, { collection: { elements: [] } }] }],
          pagingState: { value: Buffer.from([1, 2, 3]) },
        },
        schemaChange: { changeType: 'DROPPED', target: 'TABLE', keyspace: 'ks' },
      },
    };
    const bytes = ours.responseSerialize({ replies: [reply] });
    expect(bytes.equals(protoLoaders.responseSerialize({ replies: [reply] }))).toBe(true);
    expect(ours.responseDeserialize(bytes)).toEqual(protoLoaders.responseDeserialize(bytes));
    const [decoded] = (ours.responseDeserialize(bytes) as { replies: unknown[] }).replies;
    expect(decoded).toMatchObject({
      id: '42',
      body: 'response',
      response: {
        resultSet: { rows: [{ values: [{ int: '-9223372036854775808' }, {}] }] },
        schemaChange: { changeType: 2, target: 1, keyspace: 'ks' },
      },
    });
  });

  it('writes enum values given by name as their numbers without changing the caller’s object', () => {
    const request = {
      id: '1',
      batch: {
        type: 'UNLOGGED',
        queries: [{ cql: 'INSERT …' }],
        parameters: { consistency: { value: 'ONE' } },
      },
    };
    const { requests } = ours.requestDeserialize(ours.requestSerialize({ requests: [request] })) as {
      requests: unknown[];
    };
    expect(requests[0]).toMatchObject({ batch: { type: 1, parameters: { consistency: { value: 1 } } } });
    expect(request.batch.type).toBe('UNLOGGED');
    expect(request.batch.parameters.consistency.value).toBe('ONE');
  });

  it('refuses an enum name that does not exist, naming the field', () => {
    expect(() => ours.requestSerialize({ requests: [{ id: '1', batch: { type: 'SOMETIMES' } }] })).toThrow(
      /Batch\.type: no Type value named "SOMETIMES"/,
    );
  });
});
