// The cost limit, remembered per parsed document: an operation's cost depends on its selections
// and, only when a page size or a bulk insert's rows come from variables, on the variables.
// Mercurius keeps one parsed document per query text, so a repeated query costs a lookup instead
// of a walk over its selections (the walk was the largest GraphQL cost of a point read).
import type { DocumentNode, GraphQLSchema } from '../graphql-js.js';
import { queryCost, rejectCost } from './query-limits.js';

export class QueryCostCache {
  /** Document → operation name ('' for the only one) → cost, for costs that no variable decides. */
  private readonly costs = new WeakMap<DocumentNode, Map<string, number>>();

  constructor(private readonly maxCost: number) {}

  /** Throws QueryCostError when the selected operation would cost more than the maximum. */
  check(
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | null | undefined,
  ): void {
    const key = operationName ?? '';
    let known = this.costs.get(document);
    let cost = known?.get(key);
    if (cost === undefined) {
      const computed = queryCost(schema, document, operationName, variables, this.maxCost);
      cost = computed.cost;
      if (!computed.readsVariables) {
        if (!known) {
          known = new Map();
          this.costs.set(document, known);
        }
        known.set(key, cost);
      }
    }
    rejectCost(cost, this.maxCost);
  }
}
