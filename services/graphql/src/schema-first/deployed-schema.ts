// A deployed schema made executable: the CQL scalars get their real parsing and formatting, and
// each Query field becomes a SELECT and each Mutation field an INSERT, UPDATE or DELETE of the
// entity it returns or takes, shaped by the @cql_* directives (see docs/graphql.md, Schema-first).
// Statements carry every value as a bind marker; they run through SchemaCache.execute, so column
// types come from the keyspace as it is at the time.
import { base64ToBytes, bytesToBase64 } from '../../../common/src/codecs/base64.js';
import { qualifiedName, quoteIdentifier } from '../../../common/src/cql/identifier.js';
import { Consistency } from '../../../common/src/proto/generated/stargate/Consistency.js';
import type { CqlTable__Output } from '../../../common/src/proto/generated/stargate/CqlTable.js';
import type { Query } from '../../../common/src/proto/generated/stargate/Query.js';
import type { QueryParameters } from '../../../common/src/proto/generated/stargate/QueryParameters.js';
import type { ResultSet__Output } from '../../../common/src/proto/generated/stargate/ResultSet.js';
import type { Value } from '../../../common/src/proto/generated/stargate/Value.js';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getDirectiveValues,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from '../graphql-js.js';
import type { GraphqlContext, ResolverDeps } from '../resolvers/graphql-context.js';
import { runQuery } from '../resolvers/run-statement.js';
import { cqlScalars } from '../schema/cql-scalars.js';
import { ValueError } from '../translate/graphql-values.js';
import { allColumns } from '../translate/table-ref.js';
import { fromCqlValue, toCqlValue, type UdtEntities } from './deployed-values.js';
import { type MappingMessage, messageAt } from './mapping-messages.js';
import type { ColumnModel, EntityModel, SchemaModel } from './schema-mapping.js';

type Args = Record<string, unknown>;
type Resolver = GraphQLFieldResolver<unknown, GraphqlContext, Args>;
type Directives = Record<string, unknown> | undefined;

interface Condition {
  column: ColumnModel;
  operator: string;
  value: unknown;
  type: GraphQLInputType;
}

/** The result shape of an operation: the entity itself, a list of it, or a @cql_payload object. */
interface ResultShape {
  entity: EntityModel;
  kind: 'one' | 'list' | 'payload' | 'boolean';
  /** Payload field holding the entity (or a list of it). */
  entityField?: string;
  entityFieldIsList?: boolean;
}

/**
 * The schema with its resolvers, and warnings (with locations) for operations that map to no CQL
 * statement: those answer an error when called, the rest of the schema works.
 */
export function makeDeployedSchemaExecutable(
  model: SchemaModel,
  keyspace: string,
  deps: ResolverDeps,
): { schema: GraphQLSchema; logs: MappingMessage[] } {
  const { schema } = model;
  for (const type of Object.values(schema.getTypeMap())) {
    const real = isScalarType(type) ? cqlScalars.get(type.name) : undefined;
    if (real && isScalarType(type)) {
      type.serialize = real.serialize;
      type.parseValue = real.parseValue;
      type.parseLiteral = real.parseLiteral;
    }
  }
  const ctx = new Context(model, keyspace, deps);
  const query = schema.getQueryType();
  const logs: MappingMessage[] = [];
  const attach = (field: GraphQLField<unknown, GraphqlContext>, build: () => Resolver) => {
    try {
      field.resolve = build();
    } catch (err) {
      if (!(err instanceof ValueError)) throw err;
      logs.push(messageAt('WARNING', `${err.message}; it answers an error when called`, field.astNode));
      field.resolve = () => {
        throw err;
      };
    }
  };
  if (query)
    for (const field of Object.values(query.getFields())) attach(field, () => ctx.queryResolver(field));
  const mutation = schema.getMutationType();
  if (mutation)
    for (const field of Object.values(mutation.getFields())) attach(field, () => ctx.mutationResolver(field));
  return { schema, logs };
}

class Context {
  private readonly byType = new Map<string, EntityModel>();
  private readonly byInput = new Map<string, EntityModel>();
  readonly udts: UdtEntities;

  constructor(
    private readonly model: SchemaModel,
    private readonly keyspace: string,
    private readonly deps: ResolverDeps,
  ) {
    for (const entity of model.entities) {
      this.byType.set(entity.graphqlName, entity);
      const type = model.schema.getType(entity.graphqlName) as GraphQLObjectType;
      const input = this.directive('cql_input', type.astNode);
      if (input) this.byInput.set((input.name as string | undefined) ?? `${entity.graphqlName}Input`, entity);
    }
    this.udts = new Map(model.entities.filter((e) => e.target === 'UDT').map((e) => [e.cqlName, e]));
  }

  queryResolver(field: GraphQLField<unknown, unknown>): Resolver {
    const shape = this.shape(field.type, `Query.${field.name}`);
    const select = this.directive('cql_select', field.astNode) ?? {};
    return async (_source, args, context) => {
      const conditions: Condition[] = [];
      let pagingState: string | undefined;
      for (const arg of field.args) {
        const value = args[arg.name];
        if (this.directive('cql_pagingState', arg.astNode)) {
          if (typeof value === 'string' && value) pagingState = value;
          continue;
        }
        if (value === undefined || value === null) continue;
        const where = this.directive('cql_where', arg.astNode) ?? {};
        conditions.push(this.condition(shape.entity, arg, where, value, 'cql_where'));
      }
      const entity = shape.entity;
      const columns = entity.columns.map((c) => quoteIdentifier(c.cqlName)).join(', ');
      let cql = `SELECT ${columns} FROM ${qualifiedName(this.keyspace, entity.cqlName)}`;
      if (conditions.length) cql += ` WHERE ${conditions.map(conditionText).join(' AND ')}`;
      const limit = shape.kind === 'one' ? 1 : (select.limit as number | undefined);
      if (limit !== undefined) cql += ` LIMIT ${positive(limit, 'limit')}`;
      const parameters: QueryParameters = {
        consistency: {
          value: Consistency[(select.consistencyLevel as keyof typeof Consistency) ?? 'LOCAL_QUORUM'],
        },
        pageSize: { value: positive((select.pageSize as number | undefined) ?? 100, 'pageSize') },
      };
      if (pagingState) {
        const bytes = base64ToBytes(pagingState);
        if (!bytes?.length) throw new ValueError(`Invalid paging state ${JSON.stringify(pagingState)}`);
        parameters.pagingState = { value: bytes };
      }
      const resultSet = await this.run(entity, conditions, cql, parameters, context);
      const rows = this.rows(resultSet, entity);
      const next = resultSet?.pagingState?.value;
      return this.shaped(shape, rows, true, next?.length ? bytesToBase64(next) : null);
    };
  }

  mutationResolver(field: GraphQLField<unknown, unknown>): Resolver {
    const insert = this.directive('cql_insert', field.astNode);
    const update = this.directive('cql_update', field.astNode);
    const remove = this.directive('cql_delete', field.astNode);
    const kind = insert
      ? 'insert'
      : update
        ? 'update'
        : remove
          ? 'delete'
          : /^(insert|create)/.test(field.name)
            ? 'insert'
            : /^update/.test(field.name)
              ? 'update'
              : /^(delete|remove)/.test(field.name)
                ? 'delete'
                : undefined;
    if (!kind) {
      throw new ValueError(
        `Mutation ${field.name} maps to no CQL statement: use @cql_insert, @cql_update or @cql_delete`,
      );
    }
    const options = insert ?? update ?? remove ?? {};
    const entityArg = field.args.find(
      (a) => isInputObjectType(unwrap(a.type)) && this.byInput.has(unwrap(a.type).name),
    );
    const target = options.targetEntity as string | undefined;
    const entity = entityArg
      ? this.byInput.get(unwrap(entityArg.type).name)!
      : target
        ? this.byType.get(target)
        : undefined;
    const resultType = unwrap(field.type);
    const shape: ResultShape | undefined = !entity
      ? undefined
      : resultType.name === 'Boolean'
        ? { entity, kind: 'boolean' }
        : isObjectType(resultType) && this.directive('cql_payload', resultType.astNode)
          ? this.payloadShape(entity, resultType)
          : this.shape(field.type, `Mutation.${field.name}`);
    if (!entity || !shape) {
      throw new ValueError(
        `Mutation ${field.name}: no entity to ${kind} (take a @cql_input object, or name targetEntity)`,
      );
    }
    const ifNotExists = options.ifNotExists === true || /IfNotExists$/.test(field.name);
    const ifExists = options.ifExists === true || (kind !== 'insert' && /IfExists$/.test(field.name));
    return async (_source, args, context) => {
      const values: Record<string, unknown> = entityArg ? { ...(args[entityArg.name] as Args) } : {};
      const typed = new Map<string, GraphQLInputType>();
      if (entityArg) {
        const inputType = unwrap(entityArg.type);
        if (isInputObjectType(inputType))
          for (const [name, f] of Object.entries(inputType.getFields())) typed.set(name, f.type);
      }
      const ifs: Condition[] = [];
      const increments: Condition[] = [];
      let timestamp: unknown;
      for (const arg of field.args) {
        if (arg === entityArg) continue;
        const value = args[arg.name];
        if (this.directive('cql_timestamp', arg.astNode)) {
          timestamp = value ?? undefined;
          continue;
        }
        if (value === undefined || value === null) continue;
        const ifArgs = this.directive('cql_if', arg.astNode);
        const increment = this.directive('cql_increment', arg.astNode);
        if (ifArgs) ifs.push(this.condition(entity, arg, ifArgs, value, 'cql_if'));
        else if (increment) {
          const c = this.condition(entity, arg, { field: increment.field }, value, 'cql_increment');
          increments.push({ ...c, operator: increment.prepend === true ? 'prepend' : 'append' });
        } else {
          const where = this.directive('cql_where', arg.astNode) ?? {};
          const column = this.columnFor(entity, (where.field as string | undefined) ?? arg.name, arg.name);
          values[column.graphqlName] = value;
          typed.set(column.graphqlName, arg.type);
        }
      }
      const statement = buildMutation(this.keyspace, kind, entity, values, typed, this.udts, {
        ifNotExists,
        ifExists,
        ifs,
        increments,
        ttl: options.ttl as string | undefined,
        timestamp,
      });
      const parameters: QueryParameters = {
        consistency: {
          value: Consistency[(options.consistencyLevel as keyof typeof Consistency) ?? 'LOCAL_QUORUM'],
        },
        serialConsistency: {
          value: Consistency[(options.serialConsistency as keyof typeof Consistency) ?? 'SERIAL'],
        },
      };
      const resultSet = await this.execute(statement, entity, parameters, context);
      const applied = appliedOf(resultSet);
      // A conditional statement that did not apply returns the row as it is.
      const existing = applied ? [] : this.rows(resultSet, entity);
      const row = existing[0] ?? (kind === 'delete' && applied ? values : applied ? values : null);
      return this.shaped(shape, row ? [row] : [], applied, null);
    };
  }

  private execute(
    statement: (table: CqlTable__Output | undefined) => { cql: string; values: Value[] },
    entity: EntityModel,
    parameters: QueryParameters,
    context: GraphqlContext,
  ): Promise<ResultSet__Output | undefined> {
    return runQuery(this.deps, context, this.keyspace, (description): Query => {
      const table = description.tables?.find((t) => t.name === entity.cqlName);
      const { cql, values } = statement(table);
      return { cql, values: { values }, parameters };
    }).then((response) => response.resultSet);
  }

  private run(
    entity: EntityModel,
    conditions: Condition[],
    cql: string,
    parameters: QueryParameters,
    context: GraphqlContext,
  ): Promise<ResultSet__Output | undefined> {
    return this.execute(
      (table) => ({
        cql,
        values: conditions.map((c) => conditionValue(c, columnSpec(table, c.column), this.udts)),
      }),
      entity,
      parameters,
      context,
    );
  }

  private rows(
    resultSet: ResultSet__Output | undefined,
    entity: EntityModel,
  ): Array<Record<string, unknown>> {
    const type = this.model.schema.getType(entity.graphqlName) as GraphQLObjectType;
    const fields = type.getFields();
    const columns = resultSet?.columns ?? [];
    return (resultSet?.rows ?? []).map((row) => {
      const out: Record<string, unknown> = {};
      columns.forEach((spec, i) => {
        const column = entity.columns.find((c) => c.cqlName === spec.name);
        const field = column && fields[column.graphqlName];
        if (field) out[column.graphqlName] = fromCqlValue(spec.type, field.type, row.values?.[i], this.udts);
      });
      return out;
    });
  }

  private shaped(
    shape: ResultShape,
    rows: Array<Record<string, unknown>>,
    applied: boolean,
    pagingState: string | null,
  ) {
    switch (shape.kind) {
      case 'boolean':
        return applied;
      case 'one':
        return rows[0] ?? null;
      case 'list':
        return rows;
      case 'payload': {
        const out: Record<string, unknown> = { applied, pagingState };
        if (shape.entityField) out[shape.entityField] = shape.entityFieldIsList ? rows : (rows[0] ?? null);
        return out;
      }
    }
  }

  /** A mutation's @cql_payload: `applied`, and the entity in whichever field has its type. */
  private payloadShape(entity: EntityModel, payload: GraphQLObjectType): ResultShape {
    for (const [name, f] of Object.entries(payload.getFields())) {
      if (getNamedType(f.type).name === entity.graphqlName) {
        const fieldType = isNonNullType(f.type) ? f.type.ofType : f.type;
        return { entity, kind: 'payload', entityField: name, entityFieldIsList: isListType(fieldType) };
      }
    }
    return { entity, kind: 'payload' };
  }

  private shape(type: GraphQLOutputType, where: string): ResultShape {
    const inner = isNonNullType(type) ? type.ofType : type;
    const named = getNamedType(inner) as GraphQLNamedType;
    const entity = this.byType.get(named.name);
    if (entity?.target === 'TABLE') return { entity, kind: isListType(inner) ? 'list' : 'one' };
    if (isObjectType(named) && this.directive('cql_payload', named.astNode)) {
      for (const [name, f] of Object.entries(named.getFields())) {
        const candidate = this.byType.get(getNamedType(f.type).name);
        if (candidate?.target === 'TABLE') {
          const fieldType = isNonNullType(f.type) ? f.type.ofType : f.type;
          return {
            entity: candidate,
            kind: 'payload',
            entityField: name,
            entityFieldIsList: isListType(fieldType),
          };
        }
      }
    }
    throw new ValueError(
      `${where} returns ${named.name}, which is not a table entity or a @cql_payload holding one`,
    );
  }

  private condition(
    entity: EntityModel,
    arg: GraphQLArgument,
    directive: Args,
    value: unknown,
    what: string,
  ): Condition {
    const column = this.columnFor(entity, (directive.field as string | undefined) ?? arg.name, arg.name);
    const predicate = (directive.predicate as string | undefined) ?? 'EQ';
    const operators: Record<string, string> = {
      EQ: '=',
      NEQ: '!=',
      IN: 'IN',
      LT: '<',
      GT: '>',
      LTE: '<=',
      GTE: '>=',
      CONTAINS: 'CONTAINS',
    };
    const operator = operators[predicate];
    if (!operator) throw new ValueError(`@${what}: unknown predicate ${predicate}`);
    return { column, operator, value, type: arg.type };
  }

  private columnFor(entity: EntityModel, fieldName: string, argName: string): ColumnModel {
    const column = entity.columns.find((c) => c.graphqlName === fieldName);
    if (!column) throw new ValueError(`Argument ${argName}: ${entity.graphqlName} has no field ${fieldName}`);
    return column;
  }

  private directive(name: string, node: { directives?: readonly unknown[] } | null | undefined): Directives {
    if (!node) return undefined;
    const definition = this.model.schema.getDirective(name);
    return definition
      ? getDirectiveValues(definition, node as Parameters<typeof getDirectiveValues>[1])
      : undefined;
  }
}

interface MutationOptions {
  ifNotExists: boolean;
  ifExists: boolean;
  ifs: Condition[];
  increments: Condition[];
  ttl: string | undefined;
  timestamp: unknown;
}

function buildMutation(
  keyspace: string,
  kind: 'insert' | 'update' | 'delete',
  entity: EntityModel,
  values: Record<string, unknown>,
  types: Map<string, GraphQLInputType>,
  udts: UdtEntities,
  options: MutationOptions,
): (table: CqlTable__Output | undefined) => { cql: string; values: Value[] } {
  return (table) => {
    if (!table) throw new ValueError(`Table '${entity.cqlName}' does not exist in keyspace '${keyspace}'`);
    const bound: Value[] = [];
    const bind = (column: ColumnModel, value: unknown, type?: GraphQLInputType) => {
      const graphqlType = type ?? types.get(column.graphqlName);
      if (!graphqlType) throw new ValueError(`No value type for ${column.graphqlName}`);
      bound.push(toCqlValue(columnSpec(table, column), graphqlType, value, udts));
      return '?';
    };
    const present = entity.columns.filter((c) => values[c.graphqlName] !== undefined);
    const key = entity.columns.filter((c) => c.kind !== 'regular');
    const missingKey = key.filter(
      (c) => values[c.graphqlName] === undefined || values[c.graphqlName] === null,
    );
    if (missingKey.length) {
      throw new ValueError(
        `Missing primary key field(s) of ${entity.graphqlName}: ${missingKey.map((c) => c.graphqlName).join(', ')}`,
      );
    }
    const using: string[] = [];
    const usingValues: Value[] = [];
    if (options.ttl !== undefined && kind !== 'delete') {
      using.push('TTL ?');
      usingValues.push({ int: ttlSeconds(options.ttl) });
    }
    if (options.timestamp !== undefined && options.timestamp !== null) {
      using.push('TIMESTAMP ?');
      usingValues.push(timestampMicros(options.timestamp));
    }
    const usingText = using.length ? ` USING ${using.join(' AND ')}` : '';
    const name = qualifiedName(keyspace, entity.cqlName);
    const where = () =>
      key.map((c) => `${quoteIdentifier(c.cqlName)} = ${bind(c, values[c.graphqlName])}`).join(' AND ');
    const conditions = () => {
      if (options.ifExists) return ' IF EXISTS';
      if (!options.ifs.length) return '';
      return ` IF ${options.ifs.map((c) => `${quoteIdentifier(c.column.cqlName)} ${c.operator} ${bindCondition(c)}`).join(' AND ')}`;
    };
    const bindCondition = (c: Condition) => {
      bound.push(conditionValue(c, columnSpec(table, c.column), udts));
      return '?';
    };
    if (kind === 'insert') {
      const columns = present.map((c) => quoteIdentifier(c.cqlName)).join(', ');
      const markers = present.map((c) => bind(c, values[c.graphqlName])).join(', ');
      bound.push(...usingValues);
      return {
        cql: `INSERT INTO ${name} (${columns}) VALUES (${markers})${options.ifNotExists ? ' IF NOT EXISTS' : ''}${usingText}`,
        values: bound,
      };
    }
    if (kind === 'update') {
      bound.push(...usingValues);
      const sets = present
        .filter((c) => c.kind === 'regular')
        .map((c) => `${quoteIdentifier(c.cqlName)} = ${bind(c, values[c.graphqlName])}`);
      for (const c of options.increments) {
        const column = quoteIdentifier(c.column.cqlName);
        const marker = bind(c.column, c.value, c.type);
        sets.push(
          c.operator === 'prepend'
            ? `${column} = ${marker} + ${column}`
            : `${column} = ${column} + ${marker}`,
        );
      }
      if (!sets.length)
        throw new ValueError(`Nothing to update in ${entity.graphqlName}: give a non-key field`);
      const setText = sets.join(', ');
      const whereText = where();
      return {
        cql: `UPDATE ${name}${usingText} SET ${setText} WHERE ${whereText}${conditions()}`,
        values: bound,
      };
    }
    bound.push(...usingValues);
    const whereText = where();
    return { cql: `DELETE FROM ${name}${usingText} WHERE ${whereText}${conditions()}`, values: bound };
  };
}

function conditionText(c: Condition): string {
  return `${quoteIdentifier(c.column.cqlName)} ${c.operator} ?`;
}

function conditionValue(c: Condition, spec: ReturnType<typeof columnSpec>, udts: UdtEntities): Value {
  if (c.operator === 'IN') {
    const items = c.value as unknown[];
    const element = unwrapList(c.type);
    return { collection: { elements: items.map((v) => toCqlValue(spec, element, v, udts)) } };
  }
  if (c.operator === 'CONTAINS') {
    const element = (spec?.list ?? spec?.set)?.element;
    return toCqlValue(element, c.type, c.value, udts);
  }
  return toCqlValue(spec, c.type, c.value, udts);
}

function columnSpec(table: CqlTable__Output | undefined, column: ColumnModel) {
  const spec = table ? allColumns(table).find((c) => c.name === column.cqlName) : undefined;
  if (!spec) throw new ValueError(`Column '${column.cqlName}' does not exist in the table`);
  return spec.type;
}

function appliedOf(resultSet: ResultSet__Output | undefined): boolean {
  const index = (resultSet?.columns ?? []).findIndex((c) => c.name === '[applied]');
  return index < 0 || resultSet?.rows?.[0]?.values?.[index]?.boolean !== false;
}

function unwrap(type: GraphQLInputType | GraphQLOutputType): GraphQLNamedType {
  return getNamedType(type) as GraphQLNamedType;
}

function unwrapList(type: GraphQLInputType): GraphQLInputType {
  const inner = isNonNullType(type) ? type.ofType : type;
  return isListType(inner) ? (inner.ofType as GraphQLInputType) : inner;
}

function positive(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 1) throw new ValueError(`${what} must be a positive integer, got ${n}`);
  return n;
}

/** "3600" or an ISO-8601 duration ("PT1H", "P1D") → seconds. */
function ttlSeconds(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.\d+)?S)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T'))
    throw new ValueError(`Invalid ttl '${text}': seconds or an ISO-8601 duration`);
  const [, d, h, min, s] = m.map((x) => Number(x ?? 0));
  return d! * 86400 + h! * 3600 + min! * 60 + s!;
}

/** @cql_timestamp: a BigInt (microseconds, already a proto Value) or an ISO-8601 date-time string. */
function timestampMicros(value: unknown): Value {
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw new ValueError(`Invalid timestamp '${value}': an ISO-8601 date-time`);
    return { int: (BigInt(ms) * 1000n).toString() };
  }
  return value as Value;
}
