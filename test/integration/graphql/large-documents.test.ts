// Large GraphQL documents against the GraphQL API as it ships (its own process, the production
// heap cap of 160 MiB). Found while lifting inline values: three distinct 1 MB queries of aliased
// `__typename` fields (valid, free of cost) made the process die of "JavaScript heap out of memory",
// each parsed document (~46 MB) being kept by a cache that counts entries, not bytes.
import { describe, expect, it } from 'vitest';
import { isRunning, useServiceProcesses } from '../../support/service-processes.js';

const processes = useServiceProcesses('graphql');
const url = () => `http://127.0.0.1:${processes.api.port}/graphql-schema`;

/** `{ a0: __typename a1: __typename … }`: three tokens per field, valid, no cost. */
function aliases(fields: number, tag: string): string {
  return `{ ${Array.from({ length: fields }, (_, i) => `f${i}${tag}: __typename`).join(' ')} }`;
}

async function post(query: string) {
  const res = await fetch(url(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cassandra-token': processes.bridge.token },
    body: JSON.stringify({ query }),
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
});
