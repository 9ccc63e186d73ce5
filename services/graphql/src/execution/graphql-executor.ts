// Runs GraphQL operations against one schema: parse and validate once per query text (an LRU of
// documents, and one of rejected texts so errors cannot push good queries out), check the limits,
// and execute with graphql-js until an operation has run `jitAfter` times; then graphql-jit
// compiles it between requests and later runs call the compiled code. Variables are still checked
// by graphql-js first, whose messages name the path and the reason. No Mercurius and no Fastify
// instance per schema: our routes call this directly (see docs/graphql.md).

import type { FastifyReply } from 'fastify';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  type GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  getVariableValues,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  type ValidationRule,
  validate,
} from '../graphql-js.js';
import type { GraphqlContext } from '../resolvers/graphql-context.js';
import { builtInVariableChecks, builtInVariablesFit } from './builtin-variables.js';
import { LruCache } from './lru-cache.js';
import { QueryCostCache } from './query-cost-cache.js';
import { depthLimitRule, QueryCostError } from './query-limits.js';

export interface ExecutorLimits {
  maxDepth: number;
  maxCost: number;
  /** Compile an operation with graphql-jit once it has run this many times. */
  jitAfter: number;
  /** Parsed and validated operations kept per schema (and as many rejected query texts). */
  cacheSize: number;
}

export interface OperationRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export interface ExecutionContext {
  token: string;
  /** Its request's HTTP method decides whether mutations are allowed (not over GET). */
  reply?: FastifyReply;
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

/** One operation of a parsed document: how often it ran, and its compiled form once there. */
interface OperationPlan {
  /** Quick checks of its variables when all are of built-in scalar types. */
  builtInVariables: ReturnType<typeof builtInVariableChecks>;
  runs: number;
  /** undefined until compiled; null when graphql-jit could not compile it (graphql-js runs it). */
  compiled: CompiledQuery | null | undefined;
}

interface PreparedDocument {
  document: DocumentNode;
  /** By operation name ('' when none is given). */
  plans: Map<string, OperationPlan>;
}

export class GraphqlExecutor {
  private readonly documents: LruCache<string, PreparedDocument>;
  private readonly rejected: LruCache<string, readonly GraphQLError[]>;
  private readonly rules: readonly ValidationRule[];
  private readonly costs: QueryCostCache;

  private constructor(
    readonly schema: GraphQLSchema,
    private readonly limits: ExecutorLimits,
  ) {
    this.documents = new LruCache(limits.cacheSize);
    this.rejected = new LruCache(limits.cacheSize);
    this.rules = [...specifiedRules, depthLimitRule(limits.maxDepth)];
    this.costs = new QueryCostCache(limits.maxCost);
  }

  static async create(schema: GraphQLSchema, limits: ExecutorLimits): Promise<GraphqlExecutor> {
    return new GraphqlExecutor(schema, limits);
  }

  async execute(request: OperationRequest, context: ExecutionContext): Promise<ExecutionResult> {
    const prepared = this.prepare(request.query);
    const operationName = request.operationName || undefined;
    const variables = request.variables ?? undefined;
    const operation = getOperationAST(prepared.document, operationName);
    // No such operation: graphql-js answers with its own error ("Unknown operation named …").
    if (!operation)
      return this.interpret(prepared.document, operationName, variables, { token: context.token });
    if (operation.operation !== 'query' && context.reply?.request.raw.method === 'GET') {
      throw new OperationRejectedError(
        [new Error('Operation cannot be performed via a GET request; use POST')],
        405,
      );
    }
    try {
      this.costs.check(this.schema, prepared.document, operationName, variables);
    } catch (err) {
      if (err instanceof QueryCostError) throw new OperationRejectedError([err]);
      throw err;
    }
    const plan = this.planOf(prepared, operationName ?? '', operation);
    if (!plan.builtInVariables || !builtInVariablesFit(plan.builtInVariables, variables))
      this.checkVariables(operation, variables);
    const contextValue: GraphqlContext = { token: context.token };
    if (plan.compiled) return plan.compiled.query(undefined, contextValue, variables ?? {});
    plan.runs++;
    if (plan.runs === this.limits.jitAfter) this.compileLater(prepared.document, operationName, plan);
    return this.interpret(prepared.document, operationName, variables, contextValue);
  }

  async close(): Promise<void> {
    this.documents.clear();
    this.rejected.clear();
  }

  /** The parsed and validated document of a query text; OperationRejectedError when it is not one. */
  private prepare(query: string): PreparedDocument {
    const known = this.documents.get(query);
    if (known) return known;
    const errors = this.rejected.get(query);
    if (errors) throw new OperationRejectedError(errors);
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (err) {
      this.rejected.set(query, [err as GraphQLError]);
      throw new OperationRejectedError([err as GraphQLError]);
    }
    const invalid = validate(this.schema, document, this.rules);
    if (invalid.length > 0) {
      this.rejected.set(query, invalid);
      throw new OperationRejectedError(invalid);
    }
    const prepared: PreparedDocument = { document, plans: new Map() };
    this.documents.set(query, prepared);
    return prepared;
  }

  private planOf(prepared: PreparedDocument, key: string, operation: OperationDefinitionNode): OperationPlan {
    let plan = prepared.plans.get(key);
    if (!plan) {
      plan = {
        builtInVariables: builtInVariableChecks(operation.variableDefinitions ?? []),
        runs: 0,
        compiled: undefined,
      };
      prepared.plans.set(key, plan);
    }
    return plan;
  }

  /** graphql-js, before the operation is compiled (or when it has no compiled form). */
  private async interpret(
    document: DocumentNode,
    operationName: string | undefined,
    variables: Record<string, unknown> | undefined,
    contextValue: GraphqlContext,
  ): Promise<ExecutionResult> {
    return execute({ schema: this.schema, document, operationName, variableValues: variables, contextValue });
  }

  /**
   * Variables that do not fit their types reject the request (400) before it runs. graphql-jit
   * checks them too, but its messages lose the reason a custom scalar gives ("Expected type
   * Uuid."): graphql-js checks them first, so both engines answer alike.
   */
  private checkVariables(
    operation: OperationDefinitionNode,
    variables: Record<string, unknown> | undefined,
  ): void {
    const definitions = operation.variableDefinitions;
    if (!definitions?.length) return;
    const { errors } = getVariableValues(this.schema, definitions, variables ?? {});
    if (errors?.length) throw new OperationRejectedError(errors);
  }

  /** Compiles between requests, so no request waits for it. */
  private compileLater(document: DocumentNode, operationName: string | undefined, plan: OperationPlan): void {
    setImmediate(() => {
      const compiled = compileQuery(this.schema, document, operationName);
      plan.compiled = isCompiledQuery(compiled) ? compiled : null;
    }).unref();
  }
}
