// Runs GraphQL operations against one schema with Mercurius: its parse/validation cache, its
// adaptive JIT (graphql-jit compiles an operation in the background once it has been seen
// `jitAfter` times; variables are still checked by graphql-js, whose messages name the path and
// the reason), its loaders and hooks. Our schemas are generated per keyspace at run time and Mercurius serves one schema per
// Fastify instance, so each executor owns a small Fastify instance that never listens; our own
// routes call its `graphql()` (see docs/graphql.md for the trade-offs). Values written inline are
// lifted into variables first (inline-values.ts), so such queries hit that cache too.
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import mercurius from 'mercurius';
import type { CancelSignal } from '../../../common/src/bridge/cancel-signal.js';
import { BoundedCache } from '../../../common/src/cache/bounded-cache.js';
import { type ExecutionResult, type GraphQLSchema, getOperationAST, parse } from '../graphql-js.js';
import { type LiftedOperation, liftInlineValues } from './inline-values.js';
import { isKeptText } from './kept-text.js';
import type { KeptTextAccount, KeptTextBudget } from './kept-text-budget.js';
import { withClientLocations } from './lifted-locations.js';
import { QueryCostCache } from './query-cost-cache.js';
import { depthLimitRule, QueryCostError } from './query-limits.js';
import { VariableDefaults } from './variable-defaults.js';

export interface ExecutorLimits {
  maxDepth: number;
  maxCost: number;
  /** Compile an operation with graphql-jit once it has run this many times (Mercurius `jit.minCount`). */
  jitAfter: number;
  /** Parsed and validated operations kept per schema. */
  cacheSize: number;
  /** Most tokens a document may have: parsing stops there (graphql-java's 15,000 by default). */
  maxTokens: number;
}

export interface OperationRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export interface ExecutionContext {
  token: string;
  /** Mercurius reads the HTTP method from it (no mutations over GET). */
  reply?: FastifyReply;
  /** Aborted when the client goes away before its answer (a waiting deploy is then skipped). */
  abandoned?: CancelSignal;
}

/** A request error found before execution (syntax, validation, limits): answered with 400. */
export class OperationRejectedError extends Error {
  constructor(
    readonly errors: readonly Error[],
    readonly statusCode = 400,
  ) {
    super(errors[0]?.message ?? 'Invalid GraphQL request');
    this.name = 'OperationRejectedError';
  }
}

export class GraphqlExecutor {
  /** For texts too long to keep (kept-text.ts), started at the first one. */
  private uncached: Promise<FastifyInstance> | undefined;
  private closed: Promise<void> | undefined;
  private readonly variableDefaults: VariableDefaults;
  /** Query texts seen recently (see liftedFormOf). */
  private readonly seen: BoundedCache<string, true>;

  private constructor(
    private readonly app: FastifyInstance,
    readonly schema: GraphQLSchema,
    private readonly limits: ExecutorLimits,
    /** What this executor's caches keep, charged to the process's budget. */
    private readonly kept: KeptTextAccount,
  ) {
    this.variableDefaults = new VariableDefaults(limits.cacheSize, kept, limits.maxTokens);
    this.seen = new BoundedCache({
      maxEntries: limits.cacheSize,
      onDrop: (_, query) => kept.refund(query.length),
    });
  }

  static async create(
    schema: GraphQLSchema,
    limits: ExecutorLimits,
    budget: KeptTextBudget,
  ): Promise<GraphqlExecutor> {
    let executor: GraphqlExecutor | undefined;
    const kept = budget.open(() => executor?.forgetKeptTexts());
    try {
      executor = new GraphqlExecutor(await mercuriusInstance(schema, limits, kept), schema, limits, kept);
    } catch (err) {
      kept.close();
      throw err;
    }
    return executor;
  }

  async execute(request: OperationRequest, context: ExecutionContext): Promise<ExecutionResult> {
    const lifted = this.liftedFormOf(request.query);
    if (lifted) {
      try {
        const result = await this.run(
          {
            query: lifted.query,
            variables: { ...request.variables, ...lifted.variables },
            operationName: request.operationName,
          },
          context,
        );
        return withClientLocations(result, request.query, lifted.query, lifted.edits);
      } catch (err) {
        // Refused before execution (validation, limits, variables): the client's own text gets
        // graphql-js's errors with the client's wording and locations. Nothing ran yet.
        if (!(err instanceof OperationRejectedError)) throw err;
      }
    }
    return this.run(request, context);
  }

  /**
   * The lifted form of a text seen for the first time. A text that comes again runs as written:
   * Mercurius's cache and graphql-jit already serve a repeated text at its best, and its constant
   * values (a page size written inline) then stay constants of the compiled operation.
   */
  private liftedFormOf(query: string): LiftedOperation | undefined {
    if (isKeptText(query)) {
      if (this.seen.get(query)) return undefined;
      this.kept.charge(query.length);
      this.seen.set(query, true);
    }
    return liftInlineValues(this.schema, query, this.limits.maxTokens);
  }

  private instanceFor(query: string): Promise<FastifyInstance> | FastifyInstance {
    if (isKeptText(query)) return this.app;
    this.uncached ??= mercuriusInstance(this.schema, this.limits, undefined);
    return this.uncached;
  }

  private async run(request: OperationRequest, context: ExecutionContext): Promise<ExecutionResult> {
    try {
      const app = await this.instanceFor(request.query);
      return await app.graphql(
        request.query,
        { ...context, operationName: request.operationName ?? null },
        this.variableDefaults.apply(
          request.query,
          request.operationName,
          (request.variables ?? {}) as Record<string, unknown>,
        ),
        request.operationName ?? undefined,
      );
    } catch (err) {
      const rejection = toRejection(err);
      // Mercurius reads text that does not parse as GraphQL as a JSON-encoded AST; no client sends
      // that on purpose and a malformed one fails inside graphql-js: answer with the syntax error.
      if (!(rejection instanceof OperationRejectedError) && isJsonText(request.query))
        rejectSyntax(request.query, this.limits.maxTokens);
      // Over GET, Mercurius looks the operation up to refuse mutations and fails (TypeError) when
      // the named one does not exist: answer what graphql-js answers over POST.
      if (!(rejection instanceof OperationRejectedError) && request.operationName)
        rejectUnknownOperation(request.query, request.operationName, this.limits.maxTokens);
      throw rejection;
    }
  }

  /** The budget's reset: every kept text is dropped (Mercurius's caches and JIT go with its schema). */
  private forgetKeptTexts(): void {
    this.app.graphql.replaceSchema(this.schema);
    this.seen.clear();
    this.variableDefaults.clear();
  }

  close(): Promise<void> {
    this.closed ??= (async () => {
      this.kept.close();
      await this.app.close();
      await (await this.uncached)?.close();
    })();
    return this.closed;
  }
}

/**
 * Mercurius on a Fastify instance of its own (it never listens), with our limits and hooks; with
 * `kept`, its caches and JIT are on and each text it parses into them is charged there.
 */
async function mercuriusInstance(
  schema: GraphQLSchema,
  limits: ExecutorLimits,
  kept: KeptTextAccount | undefined,
): Promise<FastifyInstance> {
  const cached = kept !== undefined;
  const app = Fastify({ logger: false });
  await app.register(mercurius, {
    schema,
    routes: false,
    // eluThreshold 1: compile even when busy (it happens between requests, not inside one). The
    // JIT compiles what the cache holds: an instance without a cache runs graphql-js only.
    ...(cached ? { jit: { minCount: limits.jitAfter, eluThreshold: 1 } } : {}),
    cache: cached ? limits.cacheSize : false,
    graphql: { parseOptions: { maxTokens: limits.maxTokens } },
    validationRules: [depthLimitRule(limits.maxDepth)],
    // Results are shaped by our HTTP layer; keep Mercurius's formatter out of the way.
    // (`data` stays absent when execution never started: the HTTP layer answers 400 then.)
    errorFormatter: (execution) => ({
      statusCode: 200,
      response: { data: execution.data as Record<string, unknown> | null, errors: execution.errors ?? [] },
    }),
  });
  // Mercurius validates only what it just parsed, and then keeps it (valid or not).
  if (kept)
    app.graphql.addHook('preValidation', async (_schema, document) => {
      kept.charge(document.loc?.source.body.length ?? 0);
    });
  const costs = new QueryCostCache(limits.maxCost);
  app.graphql.addHook('preExecution', async (preSchema, document, context, variables) => {
    const operationName = (context as { operationName?: string | null }).operationName;
    costs.check(preSchema, document, operationName, variables as Record<string, unknown>);
  });
  await app.ready();
  return app;
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function rejectSyntax(query: string, maxTokens: number): never {
  try {
    parse(query, { maxTokens });
  } catch (err) {
    throw new OperationRejectedError([err as Error]);
  }
  throw new OperationRejectedError([new Error('The query is not a GraphQL document')]);
}

function rejectUnknownOperation(query: string, operationName: string, maxTokens: number): void {
  let document: ReturnType<typeof parse>;
  try {
    document = parse(query, { maxTokens });
  } catch {
    return;
  }
  if (!getOperationAST(document, operationName)) {
    throw new OperationRejectedError([new Error(`Unknown operation named "${operationName}".`)]);
  }
}

interface MercuriusError extends Error {
  code?: string;
  statusCode?: number;
  errors?: Error[];
}

function toRejection(err: unknown): unknown {
  const e = err as MercuriusError;
  if (e?.code === 'MER_ERR_GQL_VALIDATION')
    return new OperationRejectedError((e.errors?.length ? e.errors : [e]).map(namingDeepNesting));
  if (e?.code === 'MER_ERR_METHOD_NOT_ALLOWED') {
    return new OperationRejectedError(
      [new Error('Operation cannot be performed via a GET request; use POST')],
      405,
    );
  }
  if (err instanceof QueryCostError) return new OperationRejectedError([err]);
  return err;
}

/**
 * graphql-js parses by recursion: a document nested a few thousand levels deep (lists, objects or
 * selections, under the token limit) runs it out of stack, and its RangeError said only "Maximum
 * call stack size exceeded".
 */
function namingDeepNesting(error: Error): Error {
  if (!(error instanceof RangeError)) return error;
  return new Error(
    'The document is nested too deeply to be parsed (thousands of levels of lists, objects or selections): nest it less',
  );
}
