// schemathesis.toml for the fuzz step: all checks on, and each exception a check must make for a
// Stargate-compatible behaviour we keep, one line each with its reason.

/** [check, statuses it must also accept, reason]. */
const EXPECTED_STATUS_EXCEPTIONS: Array<[string, number[], string]> = [
  [
    'positive_data_acceptance',
    [400],
    'a request the document calls valid can still be refused for what only the data can tell: REST answers 400 (as Stargate) for a keyspace, table or column that does not exist, both APIs for a page state they did not issue, REST for a ttl or timestamp on a table with counters (Cassandra refuses them there), Docs for where/fields paths and operand mixes OpenAPI 3.0 cannot describe (its schemas cannot constrain object keys); the shapes and bounds of query values are declared (where, sort, fields, page-size, ttl)',
  ],
  [
    'positive_data_acceptance',
    [431],
    "a JSON-valued query parameter (where, sort, fields) is documented by the schema of its parsed value, which no OpenAPI keyword can bound in bytes: a large generated value makes a URL over Node's header size limit (16 KiB), refused with 431 before any route runs",
  ],
  [
    'negative_data_rejection',
    [431],
    "a column name longer than its maxLength (65535, Cassandra's bound) makes a URL over Node's header size limit (16 KiB), which Node's parser refuses with 431 before any route runs",
  ],
];

/** [check, reason] for checks switched off. */
const DISABLED_CHECKS: Array<[string, string]> = [
  [
    'allow_header_conformance',
    'OPTIONS on …/{table}/bulk and …/{collection}/upgrade also matches …/{table}/{primaryKey} and …/{collection}/{documentId} (Stargate’s routing), so Allow lists their methods too',
  ],
];

/** [target, check, reason] for checks switched off for one target only. */
const TARGET_DISABLED_CHECKS: Array<[string, string, string]> = [
  [
    'rest-keyspace',
    'use_after_free',
    'a read by primary key is a search, as in Stargate: once the row is deleted it answers 200 with {"count":0,"data":[]}, not 404',
  ],
  [
    'docs-namespace',
    'use_after_free',
    "PATCH of a document merges into it and creates it when it is missing (Stargate's upsert), so a PATCH after a DELETE answers 200",
  ],
];

/**
 * Options of the docs-namespace target: its collections' DELETE (drop the collection) is left out,
 * or the first one would drop the collection whose JSON schema the rest of the run is about (the
 * next document write would create it again without one).
 */
export const KEEP_COLLECTIONS = ['--exclude-operation-id-regex', '^drop_collection_'];

/**
 * The check the GraphQL endpoint runs (test/fuzz/graphql_server_error.py), with its exception:
 * schemathesis's not_a_server_error, except that an errors[] entry without extensions.code is not
 * judged. Once every error carries a code, this is not_a_server_error exactly.
 */
export const GRAPHQL_CHECK: [string, string] = [
  'graphql_server_error',
  'schemathesis 4.32 trusts extensions.code (BAD_USER_INPUT is a client error, INTERNAL_SERVER_ERROR a server one) but calls any unlabelled resolver error a server error; our resolvers refuse bad input (a negative limit, a missing key part) with 200 + errors[] and no code until GraphQL errors are classified (issue 16 item 5), so only 5xx and labelled errors are judged',
];

/** schemathesis 4.32's own defaults (schemathesis/config/_checks.py), which a list in the file replaces. */
const DEFAULT_EXPECTED_STATUSES: Record<string, string[]> = {
  positive_data_acceptance: ['2xx', '3xx', '401', '403', '404', '409', '429', '5xx'],
  negative_data_rejection: [
    '400',
    '401',
    '403',
    '404',
    '405',
    '406',
    '409',
    '415',
    '422',
    '428',
    '429',
    '5xx',
  ],
};

export function schemathesisConfig(): string {
  const lines = ['# Written by test/fuzz/schemathesis-config.ts; reasons are there.'];
  // One table per check: its exceptions' statuses together.
  const extra = new Map<string, string[]>();
  for (const [check, statuses] of EXPECTED_STATUS_EXCEPTIONS) {
    extra.set(check, [...(extra.get(check) ?? []), ...statuses.map(String)]);
  }
  for (const [check, statuses] of extra) {
    const defaults = DEFAULT_EXPECTED_STATUSES[check];
    if (!defaults) throw new Error(`no default expected statuses known for ${check}`);
    const all = [...defaults, ...statuses];
    lines.push(`[checks.${check}]`, `expected-statuses = [${all.map((s) => `"${s}"`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** Passed as --exclude-checks: `--checks all` on the command line overrides the file's `enabled`. */
export function disabledChecks(target?: string): string[] {
  return [
    ...DISABLED_CHECKS.map(([check]) => check),
    ...TARGET_DISABLED_CHECKS.filter(([name]) => name === target).map(([, check]) => check),
  ];
}
