// Which media type a GraphQL response is sent as, from the request's Accept header (GraphQL over
// HTTP, "Accept"): application/graphql-response+json when the client asks for it at least as much
// as for application/json; application/json otherwise, and when Accept is missing or only has
// wildcards, as the spec asks of servers that existing (pre-watershed) clients talk to.
export type GraphqlMediaType = 'application/json' | 'application/graphql-response+json';

const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';

export function responseMediaType(accept: string | undefined): GraphqlMediaType {
  const ranges = accept?.toLowerCase();
  // The common case, without parsing.
  if (!ranges?.includes(GRAPHQL_RESPONSE_JSON)) return 'application/json';
  let graphqlQ = 0;
  let jsonQ = 0;
  for (const range of ranges.split(',')) {
    const [type = '', ...params] = range.split(';').map((part) => part.trim());
    const q = qualityOf(params);
    if (type === GRAPHQL_RESPONSE_JSON) graphqlQ = Math.max(graphqlQ, q);
    else if (type === 'application/json' || type === 'application/*' || type === '*/*')
      jsonQ = Math.max(jsonQ, q);
  }
  return graphqlQ > 0 && graphqlQ >= jsonQ ? GRAPHQL_RESPONSE_JSON : 'application/json';
}

/** RFC 9110 §12.4.2: q is 0 to 1 with up to three decimals, 1 when absent; a bad one counts as 1. */
function qualityOf(params: string[]): number {
  const q = params.find((p) => p.startsWith('q='));
  if (!q) return 1;
  const value = Number(q.slice(2));
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : 1;
}
