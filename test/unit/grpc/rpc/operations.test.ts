// services/grpc/src/rpc/operations.ts: what the public API forwards to the bridge.
import { describe, expect, it } from 'vitest';
import type { Query__Output } from '../../../../services/common/src/proto/generated/stargate/Query.js';
import { publicQuery } from '../../../../services/grpc/src/rpc/operations.js';

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
