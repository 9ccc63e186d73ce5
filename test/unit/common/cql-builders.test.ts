import { describe, expect, it } from 'vitest';
import { buildDelete } from '../../../services/common/src/cql/delete.js';
import { buildInsert } from '../../../services/common/src/cql/insert.js';
import { buildSelect } from '../../../services/common/src/cql/select.js';
import { buildUpdate } from '../../../services/common/src/cql/update.js';
import {
  parseSimilarityFunction,
  similarityFunctionName,
  similaritySelector,
} from '../../../services/common/src/cql/vector-search.js';

describe('CQL builders', () => {
  it('quote every identifier and bind every value', () => {
    const built = buildSelect({
      keyspace: 'ks',
      table: 'My "Table"',
      columns: ['a', 'b"; DROP TABLE x; --'],
      where: [
        { column: 'k', operator: '=', value: { string: "x'); DROP" } },
        { column: 'c', operator: 'IN', value: [{ int: 1 }, { int: 2 }] },
        { column: 'm', operator: '=', mapKey: { string: 'k' }, value: { int: 3 } },
      ],
      orderBy: [{ column: 'c', order: 'DESC' }],
      limit: 10,
    });
    expect(built.cql).toBe(
      'SELECT "a", "b""; DROP TABLE x; --" FROM "ks"."My ""Table""" WHERE "k" = ? AND "c" IN (?, ?) AND "m"[?] = ? ORDER BY "c" DESC LIMIT ?',
    );
    expect(built.values).toEqual([
      { string: "x'); DROP" },
      { int: 1 },
      { int: 2 },
      { string: 'k' },
      { int: 3 },
      { int: 10 },
    ]);
  });

  it('lists columns before aggregate selectors, and groups by quoted key columns', () => {
    const built = buildSelect({
      keyspace: 'ks',
      table: 't',
      columns: ['Sensor'],
      selectors: ['sum("a b")'],
      where: [{ column: 'k', operator: '=', value: { int: 1 } }],
      groupBy: ['Sensor', 'day'],
      orderBy: [{ column: 'day', order: 'DESC' }],
      limit: 5,
    });
    expect(built.cql).toBe(
      'SELECT "Sensor", sum("a b") FROM "ks"."t" WHERE "k" = ? GROUP BY "Sensor", "day" ORDER BY "day" DESC LIMIT ?',
    );
    expect(buildSelect({ keyspace: 'ks', table: 't', selectors: ['COUNT(*)'] }).cql).toBe(
      'SELECT COUNT(*) FROM "ks"."t"',
    );
  });

  it('orders by ANN OF a bound vector, binding the score selector first and the limit last', () => {
    const vector = { collection: { elements: [{ float: 0.5 }, { float: 1 }] } };
    const built = buildSelect({
      keyspace: 'ks',
      table: 't',
      columns: ['id'],
      selectors: [similaritySelector('DOT_PRODUCT', 'emb"x')],
      selectorValues: [vector],
      where: [{ column: 'tag', operator: '=', value: { string: 'a' } }],
      annOf: { column: 'emb"x', vector },
      limit: 3,
    });
    expect(built.cql).toBe(
      'SELECT "id", similarity_dot_product("emb""x", ?) FROM "ks"."t" WHERE "tag" = ? ORDER BY "emb""x" ANN OF ? LIMIT ?',
    );
    expect(built.values).toEqual([vector, { string: 'a' }, vector, { int: 3 }]);
    expect(() =>
      buildSelect({
        keyspace: 'ks',
        table: 't',
        annOf: { column: 'e', vector },
        orderBy: [{ column: 'c', order: 'ASC' }],
      }),
    ).toThrow(/ANN/);
  });

  it('names the similarity functions as Cassandra does, in any letter case', () => {
    expect(parseSimilarityFunction('cosine')).toBe('COSINE');
    expect(parseSimilarityFunction('Dot_Product')).toBe('DOT_PRODUCT');
    expect(parseSimilarityFunction('euclidean')).toBe('EUCLIDEAN');
    expect(parseSimilarityFunction('manhattan')).toBeUndefined();
    expect(similarityFunctionName('EUCLIDEAN')).toBe('similarity_euclidean');
  });

  it('builds inserts, updates and deletes with options', () => {
    expect(
      buildInsert({
        keyspace: 'ks',
        table: 't',
        values: [{ column: 'a', value: { int: 1 } }],
        ifNotExists: true,
        ttlSeconds: 60,
      }),
    ).toEqual({
      cql: 'INSERT INTO "ks"."t" ("a") VALUES (?) IF NOT EXISTS USING TTL ?',
      values: [{ int: 1 }, { int: 60 }],
    });
    expect(
      buildUpdate({
        keyspace: 'ks',
        table: 't',
        assignments: [
          { column: 'n', kind: 'increment', value: { int: 1 } },
          { column: 'm', kind: 'set-entry', key: { string: 'x' }, value: { int: 2 } },
        ],
        where: [{ column: 'k', operator: '=', value: { int: 9 } }],
        ifExists: true,
      }).cql,
    ).toBe('UPDATE "ks"."t" SET "n" = "n" + ?, "m"[?] = ? WHERE "k" = ? IF EXISTS');
    expect(
      buildDelete({ keyspace: 'ks', table: 't', where: [{ column: 'k', operator: '=', value: { int: 1 } }] })
        .cql,
    ).toBe('DELETE FROM "ks"."t" WHERE "k" = ?');
  });
});
