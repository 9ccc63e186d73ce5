import { describe, expect, it } from 'vitest';
import { pagesPage, widePage } from '../../../../bench/lib/driver-result-sets.js';
import { setLazyResultSet } from '../../../../services/bridge/src/query/lazy-result-set.js';
import { toResultSet } from '../../../../services/bridge/src/query/to-result-set.js';
import {
  encodeMultiplexedReplies,
  encodeMultiplexedReply,
} from '../../../../services/bridge/src/rpc/encode-multiplexed-reply.js';
import type { Response } from '../../../../services/common/src/proto/generated/stargate/Response.js';
import { plainEncoder } from '../../../../services/common/src/proto/plain-encoder.js';
import { protoRoot } from '../../../../services/common/src/proto/proto-root.js';

const encodeReplies = plainEncoder(protoRoot().lookupType('stargate.MultiplexedReplies'));
const sign = (raw: Buffer) => Buffer.concat([Buffer.from('signed:'), raw]);

function lazyResponse(rs = pagesPage(), skipMetadata = false): Response {
  const response: Response = { warnings: ['careful'] };
  setLazyResultSet(response, rs, skipMetadata, sign);
  return response;
}

/** What the bridge sent before: the MultiplexedReplies message of toResultSet's objects. */
function objectsWire(rs = pagesPage(), skipMetadata = false): Buffer {
  const resultSet = toResultSet(rs, skipMetadata, sign);
  return encodeReplies({ replies: [{ id: '9', response: { resultSet, warnings: ['careful'] } }] });
}

const wire = (...replies: object[]) =>
  encodeMultiplexedReplies({ replies: replies.map((r) => encodeMultiplexedReply(r)) });

describe('multiplexed replies with lazy result sets', () => {
  it('send the bytes MultiplexedReplies of the objects would be', () => {
    expect(wire({ id: '9', response: lazyResponse() }).equals(objectsWire())).toBe(true);
    const wide = widePage();
    expect(wire({ id: '9', response: lazyResponse(wide, true) }).equals(objectsWire(wide, true))).toBe(true);
  });

  it('send the objects once someone read or changed them', () => {
    const read = lazyResponse();
    expect(read.resultSet?.rows).toHaveLength(100);
    expect(wire({ id: '9', response: read }).equals(objectsWire())).toBe(true);

    const changed = lazyResponse();
    changed.resultSet!.rows = changed.resultSet!.rows!.slice(0, 1);
    const one = encodeReplies({ replies: [{ id: '9', response: changed }] });
    expect(wire({ id: '9', response: changed }).equals(one)).toBe(true);
    expect(one.length).toBeLessThan(objectsWire().length);

    const copy = { ...lazyResponse(), warnings: [] };
    expect(copy.resultSet?.rows).toHaveLength(100);
    expect(wire({ id: '9', response: copy })).toEqual(
      encodeReplies({ replies: [{ id: '9', response: copy }] }),
    );
  });

  it('send the bytes inside a QueryWithSchemaResponse (REST and GraphQL reads)', () => {
    const resultSet = toResultSet(pagesPage(), false, sign);
    const expected = encodeReplies({
      replies: [{ id: '9', queryWithSchema: { response: { resultSet, warnings: ['careful'] } } }],
    });
    const probe = lazyResponse();
    expect(wire({ id: '9', queryWithSchema: { response: probe } }).equals(expected)).toBe(true);
  });

  it('encode every other body as MultiplexedReply would', () => {
    const replies = [
      { id: '1', status: { code: 5, message: 'gone' } },
      { id: '2', notExecuted: {} },
      { id: '3', authenticated: { trustedForMs: 1000 } },
      { id: '4', response: { schemaChange: { changeType: 'CREATED', target: 'TABLE', keyspace: 'ks' } } },
      { id: '5', queryWithSchema: { response: lazyResponse() } },
      { id: '7', queryWithSchema: { noKeyspace: {} } },
      { id: '6', response: {} },
    ];
    const expected = encodeReplies({
      replies: replies.map((r) =>
        r.id === '5' ? { id: '5', queryWithSchema: { response: lazyResponse() } } : r,
      ),
    });
    expect(wire(...replies).equals(expected)).toBe(true);
  });
});
