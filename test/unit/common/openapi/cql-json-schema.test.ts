// The JSON Schema of each CQL type against the codecs themselves: every value a codec accepts
// validates against the type's `write` schema, and every value a codec writes validates against
// its `read` schema (ajv, with OpenAPI 3.0's nullable), so the typed documents cannot drift from
// what the REST API really reads and writes.
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import {
  type JsonInput,
  jsonCodecFor,
  valueFromLooseJson,
} from '../../../../services/common/src/codecs/json-value.js';
import { parseCqlType } from '../../../../services/common/src/cql/cql-type.js';
import { cqlJsonSchema, pathValueSchema } from '../../../../services/common/src/openapi/cql-json-schema.js';
import type { TypeSpec__Output } from '../../../../services/common/src/proto/generated/stargate/TypeSpec.js';
import type { Value__Output } from '../../../../services/common/src/proto/generated/stargate/Value.js';
import { BasicType } from '../../../../services/common/src/proto/proto-enums.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
ajv.addKeyword({ keyword: 'x-prefixItems' });

const address: TypeSpec__Output = {
  udt: { name: 'address', fields: { street: { basic: BasicType.VARCHAR }, zip: { basic: BasicType.INT } } },
} as TypeSpec__Output;
const type = (text: string) =>
  parseCqlType(text, (name) => (name === 'address' ? address : undefined)) as TypeSpec__Output;

/** [CQL type, JSON values its codec accepts (as JSON text, read losslessly as REST does)]. */
const samples: Array<[string, string[]]> = [
  ['ascii', ['"plain"']],
  ['text', ['"héllo"', '""']],
  ['boolean', ['true', 'false']],
  ['tinyint', ['-128', '127']],
  ['smallint', ['-32768', '300']],
  ['int', ['-2147483648', '2147483647', '"42"']],
  ['bigint', ['-9223372036854775808', '9223372036854775807', '"-7"']],
  ['varint', ['123456789012345678901234567890']],
  ['counter', ['1', '"+1"', '"-2"']],
  ['decimal', ['-12345678901234567890.123456789', '1e3']],
  ['float', ['0.1', '"NaN"', '"-Infinity"']],
  ['double', ['1.7976931348623157e+308', '"Infinity"']],
  ['timestamp', ['"2024-05-01T10:00:00Z"', '"2024-05-01T10:00:00.123+02:00"', '1714557600000', '-86400000']],
  ['date', ['"2024-02-29"', '"0001-01-01"']],
  ['time', ['"10:00"', '"23:59:59.999999999"']],
  ['duration', ['"1y2mo3d4h5m6s7ms8us9ns"', '"P1DT2H"', '"-1h30m"']],
  ['uuid', ['"123e4567-e89b-12d3-a456-426614174000"']],
  ['timeuuid', ['"d2177dd0-eaa2-11de-a572-001b779c76e3"']],
  ['inet', ['"192.168.0.1"', '"2001:db8::8a2e:370:7334"']],
  ['blob', ['"AAEC/w=="', '""']],
  ['list<int>', ['[3,1,2]', '[]', '"[1, 2]"']],
  ['set<text>', ['["b","a"]']],
  ['map<text, int>', ['{"x":1,"y":-2}', '[{"key":"x","value":1}]']],
  ['map<int, text>', ['{"1":"one"}', '[{"key":5,"value":"five"}]']],
  ['tuple<int, text, boolean>', ['[7,"seven",false]', '[null,null,null]']],
  ['frozen<address>', ['{"street":"Main St","zip":12345}', '{"street":"Elm"}']],
  ['vector<float, 3>', ['[0.5,-1.25,3]']],
  ['frozen<list<bigint>>', ['[9223372036854775807,-1]']],
  ['map<text, frozen<list<timestamp>>>', ['{"k":["2024-01-01T00:00:00Z"]}']],
];

/** JSON text → a plain value for ajv (numbers as JS numbers: ajv checks types, not digits). */
const plain = (text: string): unknown => JSON.parse(text);

describe('CQL type → JSON Schema, against the codecs', () => {
  for (const compactMapData of [true, false]) {
    it.each(samples)(
      `%s (compactMapData=${compactMapData}): what the codec takes and writes validates`,
      (text, values) => {
        const spec = type(text);
        const codec = jsonCodecFor(spec, { compactMapData });
        const write = ajv.compile(cqlJsonSchema(spec, { direction: 'write', compactMapData }));
        const read = ajv.compile(cqlJsonSchema(spec, { direction: 'read', compactMapData }));
        for (const json of [...values, 'null']) {
          const value = valueFromLooseJson(codec, parse(json) as JsonInput);
          expect(write(plain(json)), `${json} in: ${ajv.errorsText(write.errors)}`).toBe(true);
          const written = codec.toJson(value as Value__Output);
          expect(read(plain(written)), `${written} out: ${ajv.errorsText(read.errors)}`).toBe(true);
        }
      },
    );
  }

  it('refuses in its schemas what the codecs refuse', () => {
    const refused: Array<[string, unknown]> = [
      ['int', true],
      ['int', 2147483648],
      ['boolean', 1],
      ['list<int>', { a: 1 }],
      ['list<int>', ['x']],
      ['vector<float, 3>', [1, 2]],
      ['tuple<int, text>', [1]],
      ['frozen<address>', { city: 'Paris' }],
      ['uuid', 'not-a-uuid'],
      ['blob', 'not base64!'],
    ];
    for (const [text, json] of refused) {
      const spec = type(text);
      const schema = cqlJsonSchema(spec, { direction: 'write', compactMapData: true });
      // A string is also Stargate's stringified form: only non-strings are refused by schema.
      if (typeof json === 'string') {
        expect(
          ajv.compile(cqlJsonSchema(spec, { direction: 'read', compactMapData: true }))(json),
          text,
        ).toBe(false);
      } else {
        expect(ajv.compile(schema)(json), `${text} ${JSON.stringify(json)}`).toBe(false);
      }
      expect(() =>
        valueFromLooseJson(jsonCodecFor(spec, { compactMapData: true }), json as JsonInput),
      ).toThrow();
    }
  });

  it('types primary key path values by their text form', () => {
    expect(pathValueSchema(type('int'))).toMatchObject({ type: 'integer', format: 'int32' });
    expect(pathValueSchema(type('uuid'))).toMatchObject({ type: 'string', format: 'uuid' });
    expect(pathValueSchema(type('timestamp'))).toMatchObject({ type: 'string' });
    expect(pathValueSchema(type('frozen<list<int>>'))).toMatchObject({ type: 'string' });
  });
});
