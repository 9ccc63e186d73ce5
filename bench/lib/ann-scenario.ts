// The ann scenario (only with --scenarios ann): the top-10 nearest rows of a 64-dimension query
// vector among bench.ann's N rows, through REST's `$vector` sort and through the driver's
// `ORDER BY v ANN OF ? LIMIT 10`, both returning the ids only.
import { ANN_K, ANN_QUERIES, ANN_TABLE, annQueryVector, toDriverVector } from './ann-dataset.js';
import { KEYSPACE } from './dataset.js';
import type { HttpRequestSpec } from './http-load.js';
import { assert, http, keys, type Scenario } from './scenarios.js';

export const ANN_CQL = `SELECT id FROM ${KEYSPACE}.${ANN_TABLE} ORDER BY v ANN OF ? LIMIT ${ANN_K}`;

/** REST's ANN read of `vector`: GET …/rows?sort={"v":{"$vector":[…]}}&page-size=10&fields=id. */
export function annRestRequest(vector: readonly number[]): HttpRequestSpec {
  const sort = encodeURIComponent(JSON.stringify({ v: { $vector: vector } }));
  return {
    method: 'GET',
    path: `/v2/keyspaces/${KEYSPACE}/${ANN_TABLE}/rows?sort=${sort}&page-size=${ANN_K}&fields=id`,
  };
}

/** A REST answer of k rows, each with the id alone; else what is wrong. */
export function annRestProblem(status: number, body: string): string | undefined {
  if (status !== 200) return 'not 200';
  const parsed = JSON.parse(body) as { count?: number; data?: Array<Record<string, unknown>> };
  if (parsed.count !== ANN_K || parsed.data?.length !== ANN_K) return `expected ${ANN_K} rows`;
  const shapes = parsed.data.every((row) => Object.keys(row).join() === 'id' && Number.isInteger(row.id));
  return shapes ? undefined : 'expected rows of {"id": n}';
}

export const annScenario: Scenario = {
  name: 'ann',
  title: `top-${ANN_K} ANN read (${KEYSPACE}.${ANN_TABLE}, 64-dimension vectors, SAI COSINE)`,
  apis: ['direct', 'rest'],
  operation(api, ctx) {
    assert(ctx.annRows, 'the ANN table is not loaded');
    const query = keys(ANN_QUERIES);
    if (api === 'direct') {
      // Driver values made once: the load generator measures the read, not Float32Array building.
      const vectors = Array.from({ length: ANN_QUERIES }, (_, q) => toDriverVector(annQueryVector(q)));
      const run = () => ctx.direct.execute(ANN_CQL, [vectors[query()]], { prepare: true });
      return {
        kind: 'async',
        run,
        verify: async () => assert((await run()).rows.length === ANN_K, `direct ANN: expected ${ANN_K} rows`),
      };
    }
    if (api !== 'rest') throw new Error(`ann has no ${api} variant`);
    const requests = Array.from({ length: ANN_QUERIES }, (_, q) => annRestRequest(annQueryVector(q)));
    return http(ctx, api, () => requests[query()]!, annRestProblem);
  },
};
