// Which query texts the GraphQL executor keeps in its caches (Mercurius's parsed and validated
// documents, the texts seen, variable defaults). The caches count entries, not bytes, and a parsed
// document takes up to ~56 bytes per character of its text (~300 per token): 3 distinct 1 MB
// queries once filled a 160 MiB heap (the process died). Longer texts are parsed and validated at
// every request instead, by a Mercurius instance without a cache. Typical operations are far
// shorter (GraphiQL's introspection query: 1.9–2.1 KB), and bulk inserts written inline are lifted
// into a short text (inline-values.ts). What the kept texts of all schemas add up to is bounded by
// kept-text-budget.ts.
export const LONGEST_KEPT_TEXT = 3000;

export function isKeptText(query: string): boolean {
  return query.length <= LONGEST_KEPT_TEXT;
}
