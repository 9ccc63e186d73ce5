// services/grpc/src/rpc/operations.ts: what the public API forwards to the bridge.
import { describe, expect, it } from 'vitest';
import type { Query__Output } from '../../../../services/common/src/proto/generated/stargate/Query.js';
import { plainDecoder } from '../../../../services/common/src/proto/plain-decoder.js';
import { protoRoot } from '../../../../services/common/src/proto/proto-root.js';
import { publicQuery, publicQueryBytes } from '../../../../services/grpc/src/rpc/operations.js';
import { ClientMessage } from '../../../../services/grpc/src/server/public-service.js';

describe('publicQuery', () => {
  it('forwards a query as it came', () => {
    const query: Query__Output = {
      cql: 'SELECT * FROM ks.t WHERE k = ?',
      values: { values: [{ int: '1', inner: 'int' }], valueNames: [] },
      parameters: { pageSize: { value: 10 }, tracing: true },
    };
    expect(publicQuery(query)).toBe(query);
  });

  it("drops the bridge-only parameters Stargate's public Query does not have", () => {
    const query: Query__Output = {
      cql: 'SELECT * FROM ks.t',
      parameters: { pageSize: { value: 10 }, enriched: true, resumeMode: { value: 1 } },
    };
    expect(publicQuery(query)).toEqual({
      cql: 'SELECT * FROM ks.t',
      parameters: { pageSize: { value: 10 } },
    });
  });
});

describe('publicQueryBytes', () => {
  const type = protoRoot().lookupType('stargate.Query');
  const clientMessage = (query: object) => {
    const bytes = type.encode(type.fromObject(query)).finish() as Buffer;
    return new ClientMessage(bytes, plainDecoder(type)(bytes));
  };

  it("forwards the client's bytes untouched", () => {
    const message = clientMessage({ cql: 'SELECT * FROM ks.t', parameters: { pageSize: { value: 10 } } });
    expect(publicQueryBytes(message)).toBe(message.bytes);
  });

  it('re-encodes a query that set bridge-only parameters, without them', () => {
    const message = clientMessage({
      cql: 'SELECT * FROM ks.t',
      parameters: { pageSize: { value: 10 }, enriched: false, resumeMode: { value: 1 } },
    });
    const forwarded = type.toObject(type.decode(publicQueryBytes(message)));
    expect(forwarded).toEqual({ cql: 'SELECT * FROM ks.t', parameters: { pageSize: { value: 10 } } });
  });
});
