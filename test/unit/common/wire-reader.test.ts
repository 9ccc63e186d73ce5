// lastDelimitedField: how the bridge client takes the Response out of a QueryWithSchemaResponse
// without decoding it — the very bytes protobufjs encodes for it, the last occurrence when repeated.
import { describe, expect, it } from 'vitest';
import { protoRoot } from '../../../services/common/src/proto/proto-root.js';
import { lastDelimitedField } from '../../../services/common/src/proto/wire-reader.js';

const root = protoRoot();
const Wrapper = root.lookupType('stargate.QueryWithSchemaResponse');
const Response = root.lookupType('stargate.Response');
const encode = (type: typeof Wrapper, value: object) =>
  Buffer.from(type.encode(type.fromObject(value)).finish());

describe('lastDelimitedField', () => {
  const response = {
    resultSet: {
      rows: [{ values: [{ int: '-5' }, { string: 'é' }] }],
      pagingState: { value: Buffer.from([9]) },
    },
    warnings: ['w'],
  };

  it("is the embedded Response's own encoding", () => {
    expect(lastDelimitedField(encode(Wrapper, { response }), 1)).toEqual(encode(Response, response));
  });

  it('is undefined without the field, and the last occurrence when it comes twice', () => {
    expect(lastDelimitedField(encode(Wrapper, { noKeyspace: {} }), 1)).toBeUndefined();
    const first = encode(Wrapper, { response: { warnings: ['first'] } });
    const second = encode(Wrapper, { response });
    expect(lastDelimitedField(Buffer.concat([first, second]), 1)).toEqual(encode(Response, response));
  });

  it('throws on truncated bytes', () => {
    const bytes = encode(Wrapper, { response });
    expect(() => lastDelimitedField(bytes.subarray(0, bytes.length - 1), 1)).toThrow(RangeError);
  });
});
