// Large GraphQL documents against the GraphQL API as it ships (its own process, the production
// heap cap of 160 MiB). Found while lifting inline values: three distinct 1 MB queries of aliased
// `__typename` fields (valid, free of cost) made the process die of "JavaScript heap out of memory",
// each parsed document (~46 MB) being kept by a cache that counts entries, not bytes.
import { describe, expect, it } from 'vitest';
import { isRunning, useServiceProcesses } from '../../support/service-processes.js';

const processes = useServiceProcesses('graphql');
const url = (path = '/graphql-schema') => `http://127.0.0.1:${processes.api.port}${path}`;

/** `{ a0: __typename a1: __typename … }`: three tokens per field, valid, no cost. */
function aliases(fields: number, tag: string): string {
  return `{ ${Array.from({ length: fields }, (_, i) => `f${i}${tag}: __typename`).join(' ')} }`;
}

async function post(query: string, path?: string, operationName?: string) {
  const res = await fetch(url(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cassandra-token': processes.bridge.token },
    body: JSON.stringify({ query, operationName }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the JSON it receives.
  return { status: res.status, body: (await res.json()) as any };
}

async function stillServes(): Promise<void> {
  expect(isRunning(processes.api.service)).toBe(true);
  const small = await post('{ keyspaces { name } }');
  expect(small.status).toBe(200);
}

describe('large GraphQL documents', () => {
  it('a document of more than 15,000 tokens (graphql-java’s limit, as Stargate) is refused with 400', async () => {
    for (const tag of ['a', 'b', 'c', 'd']) {
      const { status, body } = await post(aliases(50_000, tag)); // ~1 MB, 150,002 tokens
      expect(status).toBe(400);
      expect(body.errors).toEqual([
        {
          message: 'Syntax Error: Document contains more that 15000 tokens. Parsing aborted.',
          locations: [{ line: 1, column: 93_882 }], // where the 15,001st token starts
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        },
      ]);
    }
    await stillServes();
  }, 60_000);

  it('distinct long documents under the token limit are answered and not kept: the process stays up', async () => {
    // 4,960 fields: 14,882 tokens, ~93 KB of text, ~4 MB once parsed: 60 of them kept would be
    // 240 MB, past the 160 MiB heap.
    for (let n = 0; n < 60; n++) {
      const { status, body } = await post(aliases(4_960, `n${n}`));
      expect(status).toBe(200);
      expect(Object.keys(body.data)).toHaveLength(4_960);
    }
    await stillServes();
  }, 180_000);

  it('distinct short documents sent to several schemas are answered: what all schemas keep stays bounded', async () => {
    // 125 aliased fields: ~2,900 characters, short enough to be kept. Each schema keeps up to 256
    // texts (its LRUs up to twice that), so without one budget over all schemas ~1,300 of them
    // (DDL schema, then a keyspace's) filled the heap and the process died.
    const schemas = ['/graphql-schema', '/graphql/system_schema', '/graphql/system_auth'];
    for (const [s, path] of schemas.entries()) {
      for (let n = 0; n < 600; n++) {
        const query = aliases(125, `s${s}n${n}`);
        expect(query.length).toBeLessThan(3_000);
        for (let again = 0; again < 2; again++) {
          const { status, body } = await post(query, path);
          expect(status).toBe(200);
          expect(Object.keys(body.data)).toHaveLength(125);
        }
      }
    }
    await stillServes();
  }, 240_000);

  it('distinct long operation names are refused and not kept: the process stays up', async () => {
    // A client may send any string as operationName; the variable defaults were cached by it.
    const query = 'query Named($a: Boolean = true) { __typename @include(if: $a) }';
    for (let n = 0; n < 250; n++) {
      const operationName = `${'x'.repeat(900_000)}${n}`;
      const { status, body } = await post(query, undefined, operationName);
      expect(status).toBe(400);
      // (graphql-js's wording repeats the name; compared without printing 900 KB on failure)
      expect(body.errors[0].message === `Unknown operation named "${operationName}".`).toBe(true);
    }
    await stillServes();
  }, 240_000);
});
