// A deployed schema's SDL → the CQL model it maps to: tables and UDTs with their columns, keys
// and indexes. graphql-js checks the SDL first (syntax, unknown types, directive placement and
// arguments, with @cql_* and the CQL scalars predeclared); then each object type that is not a
// root operation type or a @cql_payload is an entity. Every problem is collected with its line
// and column, and all are reported at once.

import { normalizeTypeDefinition } from '../../../common/src/cql/cql-type.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import {
  type ASTNode,
  buildASTSchema,
  concatAST,
  type DocumentNode,
  type GraphQLDirective,
  GraphQLError,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getDirectiveValues,
  getNamedType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  type ObjectTypeDefinitionNode,
  parse,
  type TypeNode,
  validateSchema,
} from '../graphql-js.js';
import { validateSDL } from '../graphql-js-sdl.js';
import { CQL_DIRECTIVES_SDL, CQL_SCALARS_SDL, SCALAR_CQL_TYPES } from './cql-directives.js';
import {
  checkDefinitionCounts,
  checkEntityCount,
  type DeployLimits,
  parseWithinLimits,
} from './deploy-limits.js';
import { fromGraphqlError, type MappingMessage, messageAt, SchemaMappingError } from './mapping-messages.js';

export type EntityTarget = 'TABLE' | 'UDT';

export interface ColumnModel {
  graphqlName: string;
  cqlName: string;
  /** Normalized CQL type text, e.g. "list<text>", "frozen<address>". */
  cqlType: string;
  kind: 'partition' | 'clustering' | 'regular';
  order?: 'ASC' | 'DESC';
  node: ASTNode | undefined;
}

export interface IndexModel {
  name: string;
  column: string;
  customClass?: string;
  kind?: 'VALUES' | 'FULL';
  options?: Record<string, string>;
}

export interface EntityModel {
  graphqlName: string;
  cqlName: string;
  target: EntityTarget;
  columns: ColumnModel[];
  indexes: IndexModel[];
  /** UDTs this entity's columns use (CQL names). */
  udtDependencies: Set<string>;
  node: ASTNode | undefined;
}

export interface SchemaModel {
  /** UDTs first, each after the UDTs it uses; then tables. */
  entities: EntityModel[];
  schema: GraphQLSchema;
  logs: MappingMessage[];
}

const DIRECTIVES_DOCUMENT = parse(CQL_DIRECTIVES_SDL);

/** `limits`: what a deploy may ask (deploy-limits.ts); a schema already deployed is mapped without. */
export function mapDeployedSchema(sdl: string, limits?: DeployLimits): SchemaModel {
  let document: DocumentNode;
  try {
    document = limits ? parseWithinLimits(sdl, limits) : parse(sdl);
  } catch (err) {
    if (err instanceof GraphQLError)
      throw invalid('The schema is not valid GraphQL.', [fromGraphqlError(err)]);
    throw err;
  }
  if (limits) checkDefinitionCounts(document, limits);
  const declared = new Set(
    document.definitions.flatMap((d) => ('name' in d && d.name ? [d.name.value] : [])),
  );
  const scalars = CQL_SCALARS_SDL.split('\n').filter((line) => !declared.has(line.slice('scalar '.length)));
  const inputs = generatedInputs(document);
  const full = concatAST([
    document,
    DIRECTIVES_DOCUMENT,
    ...(scalars.length ? [parse(scalars.join('\n'))] : []),
    ...(inputs ? [parse(inputs)] : []),
  ]);
  const sdlErrors = validateSDL(full);
  if (sdlErrors.length) throw invalid('The schema is not valid GraphQL.', sdlErrors.map(fromGraphqlError));
  const schema = buildASTSchema(full, { assumeValidSDL: true });
  const schemaErrors = validateSchema(schema);
  if (schemaErrors.length) {
    throw invalid('The schema is not valid GraphQL.', schemaErrors.map(fromGraphqlError));
  }
  const model = new Mapper(schema).run();
  if (limits) checkEntityCount(model.entities.length, limits);
  return model;
}

/**
 * `input <Name>Input` (or @cql_input's name) for each object marked @cql_input, with the object's
 * fields; a field whose type is another @cql_input object takes that object's input type.
 */
function generatedInputs(document: DocumentNode): string {
  const inputName = new Map<string, string>();
  const marked = document.definitions.filter(
    (d): d is ObjectTypeDefinitionNode =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION && !!d.directives?.some((x) => x.name.value === 'cql_input'),
  );
  for (const object of marked) {
    const directive = object.directives!.find((x) => x.name.value === 'cql_input')!;
    const name = directive.arguments?.find((a) => a.name.value === 'name')?.value;
    inputName.set(object.name.value, name?.kind === Kind.STRING ? name.value : `${object.name.value}Input`);
  }
  const typeText = (type: TypeNode): string => {
    if (type.kind === Kind.NON_NULL_TYPE) return `${typeText(type.type)}!`;
    if (type.kind === Kind.LIST_TYPE) return `[${typeText(type.type)}]`;
    return inputName.get(type.name.value) ?? type.name.value;
  };
  return marked
    .map((object) => {
      const fields = (object.fields ?? []).map((f) => `  ${f.name.value}: ${typeText(f.type)}`);
      return `input ${inputName.get(object.name.value)} {\n${fields.join('\n')}\n}`;
    })
    .join('\n');
}

function invalid(summary: string, errors: MappingMessage[]): SchemaMappingError {
  return new SchemaMappingError(summary, errors);
}

class Mapper {
  private readonly errors: MappingMessage[] = [];
  private readonly logs: MappingMessage[] = [];
  private readonly entityTypes = new Map<string, { target: EntityTarget; cqlName: string }>();

  constructor(private readonly schema: GraphQLSchema) {}

  run(): SchemaModel {
    const roots = new Set(
      [this.schema.getQueryType(), this.schema.getMutationType(), this.schema.getSubscriptionType()]
        .filter((t) => t)
        .map((t) => t!.name),
    );
    const objects = Object.values(this.schema.getTypeMap()).filter(
      (t): t is GraphQLObjectType =>
        isObjectType(t) &&
        !t.name.startsWith('__') &&
        !roots.has(t.name) &&
        !this.has(t.astNode, 'cql_payload'),
    );
    for (const type of objects) {
      const args = this.args('cql_entity', type.astNode);
      const target = (args?.target as EntityTarget | undefined) ?? 'TABLE';
      this.entityTypes.set(type.name, { target, cqlName: (args?.name as string | undefined) ?? type.name });
    }
    const entities = objects.map((type) => this.entity(type));
    if (this.errors.length) throw invalid('The schema cannot be mapped to CQL.', this.errors);
    return { entities: this.ordered(entities), schema: this.schema, logs: this.logs };
  }

  private entity(type: GraphQLObjectType): EntityModel {
    const { target, cqlName } = this.entityTypes.get(type.name)!;
    const entity: EntityModel = {
      graphqlName: type.name,
      cqlName,
      target,
      columns: [],
      indexes: [],
      udtDependencies: new Set(),
      node: type.astNode ?? undefined,
    };
    for (const field of Object.values(type.getFields())) {
      const column = this.column(entity, field);
      if (column) entity.columns.push(column);
    }
    if (target === 'TABLE') this.choosePartitionKey(entity);
    else if (entity.columns.length === 0) this.error(`UDT ${type.name} has no fields`, type.astNode);
    return entity;
  }

  private column(entity: EntityModel, field: GraphQLField<unknown, unknown>): ColumnModel | undefined {
    const node = field.astNode ?? undefined;
    const args = this.args('cql_column', node) ?? {};
    const cqlName = (args.name as string | undefined) ?? field.name;
    const partitionKey = args.partitionKey === true;
    const order = args.clusteringOrder as 'ASC' | 'DESC' | undefined;
    if (entity.target === 'UDT' && (partitionKey || order)) {
      this.error(
        `UDT field ${entity.graphqlName}.${field.name} cannot be a partition key or clustering column`,
        node,
      );
    }
    if (partitionKey && order) {
      this.error(
        `Field ${entity.graphqlName}.${field.name} cannot be both a partition key and a clustering column`,
        node,
      );
    }
    let cqlType: string | undefined;
    const hint = args.typeHint as string | undefined;
    if (hint !== undefined) {
      try {
        cqlType = normalizeTypeDefinition(hint);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        this.error(`Invalid typeHint '${hint}' on ${entity.graphqlName}.${field.name}`, node);
        return undefined;
      }
    } else {
      cqlType = this.cqlType(field.type, false, entity, `${entity.graphqlName}.${field.name}`, node);
      if (cqlType === undefined) return undefined;
    }
    const kind = partitionKey ? 'partition' : order ? 'clustering' : 'regular';
    const column: ColumnModel = { graphqlName: field.name, cqlName, cqlType, kind, node };
    if (order) column.order = order;
    const index = this.args('cql_index', node);
    if (index) this.index(entity, column, index, node);
    return column;
  }

  private index(
    entity: EntityModel,
    column: ColumnModel,
    args: Record<string, unknown>,
    node?: ASTNode,
  ): void {
    if (entity.target !== 'TABLE') {
      this.error(
        `@cql_index is only allowed on fields of tables (${entity.graphqlName}.${column.graphqlName})`,
        node,
      );
      return;
    }
    if (column.kind !== 'regular') {
      this.error(
        `@cql_index is not allowed on a partition key or clustering field (${entity.graphqlName}.${column.graphqlName})`,
        node,
      );
      return;
    }
    const collection = /^(list|set|map)</.test(column.cqlType);
    const target = args.target as 'VALUES' | 'FULL' | undefined;
    if (target && !collection) {
      this.error(
        `@cql_index target is only allowed on list, set and map fields (${entity.graphqlName}.${column.graphqlName})`,
        node,
      );
      return;
    }
    const index: IndexModel = {
      name: (args.name as string | undefined) ?? `${entity.cqlName}_${column.cqlName}_idx`,
      column: column.cqlName,
    };
    if (typeof args.class === 'string') index.customClass = args.class;
    if (target === 'FULL') index.kind = 'FULL';
    if (typeof args.options === 'string') {
      const options = parseIndexOptions(args.options);
      if (!options) {
        this.error(
          `Invalid @cql_index options "${args.options}": use 'option1': 'value1', 'option2': 'value2'`,
          node,
        );
        return;
      }
      index.options = options;
    }
    entity.indexes.push(index);
  }

  private cqlType(
    type: GraphQLOutputType,
    inCollection: boolean,
    entity: EntityModel,
    where: string,
    node?: ASTNode,
  ): string | undefined {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      const element = this.cqlType(inner.ofType, true, entity, where, node);
      if (element === undefined) return undefined;
      return inCollection ? `frozen<list<${element}>>` : `list<${element}>`;
    }
    if (isScalarType(inner)) {
      const cql = SCALAR_CQL_TYPES.get(inner.name);
      if (!cql)
        this.error(`Unsupported scalar ${inner.name} (${where}): use a CQL scalar or a typeHint`, node);
      return cql;
    }
    if (isEnumType(inner)) return 'text';
    if (isObjectType(inner)) {
      const mapped = this.entityTypes.get(inner.name);
      if (mapped?.target === 'UDT') {
        entity.udtDependencies.add(mapped.cqlName);
        return `frozen<${normalizeTypeDefinition(quoteName(mapped.cqlName))}>`;
      }
      this.error(
        `${where} references ${inner.name}, which is not a UDT: only scalars, enums, lists and objects annotated @cql_entity(target: UDT) can be columns`,
        node,
      );
      return undefined;
    }
    this.error(`Unsupported type ${getNamedType(inner)?.name} (${where})`, node);
    return undefined;
  }

  /** Without any partitionKey field, a table is keyed by its first ID field, as in Stargate. */
  private choosePartitionKey(entity: EntityModel): void {
    if (entity.columns.some((c) => c.kind === 'partition')) return;
    const type = this.schema.getType(entity.graphqlName) as GraphQLObjectType;
    const idField = Object.values(type.getFields()).find((f) => getNamedType(f.type)?.name === 'ID');
    const column = idField && entity.columns.find((c) => c.graphqlName === idField.name);
    if (column && column.kind === 'regular') {
      column.kind = 'partition';
      return;
    }
    this.error(
      `Table ${entity.graphqlName} has no partition key: add a field of type ID, or mark fields with @cql_column(partitionKey: true)`,
      entity.node,
    );
  }

  /** UDTs in dependency order, then tables; a cycle among UDTs is an error. */
  private ordered(entities: EntityModel[]): EntityModel[] {
    const udts = new Map(entities.filter((e) => e.target === 'UDT').map((e) => [e.cqlName, e]));
    const out: EntityModel[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (udt: EntityModel): void => {
      const seen = state.get(udt.cqlName);
      if (seen === 'done') return;
      if (seen === 'visiting') {
        this.error(`UDT ${udt.graphqlName} references itself (directly or through other UDTs)`, udt.node);
        return;
      }
      state.set(udt.cqlName, 'visiting');
      for (const dependency of udt.udtDependencies) {
        const next = udts.get(dependency);
        if (next) visit(next);
      }
      state.set(udt.cqlName, 'done');
      out.push(udt);
    };
    for (const udt of udts.values()) visit(udt);
    if (this.errors.length) throw invalid('The schema cannot be mapped to CQL.', this.errors);
    return [...out, ...entities.filter((e) => e.target === 'TABLE')];
  }

  private directive(name: string): GraphQLDirective {
    return this.schema.getDirective(name)!;
  }

  private args(name: string, node: ASTNode | null | undefined): Record<string, unknown> | undefined {
    if (!node || !('directives' in node)) return undefined;
    return getDirectiveValues(this.directive(name), node as Parameters<typeof getDirectiveValues>[1]);
  }

  private has(node: ASTNode | null | undefined, name: string): boolean {
    return !!node && 'directives' in node && !!node.directives?.some((d) => d.name.value === name);
  }

  private error(message: string, node: ASTNode | null | undefined): void {
    this.errors.push(messageAt('ERROR', message, node));
  }
}

function quoteName(name: string): string {
  return /^[a-z][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** "'a': 'b', 'c': 'd'" → {a: 'b', c: 'd'}; undefined when it is not in that form. */
export function parseIndexOptions(text: string): Record<string, string> | undefined {
  const options: Record<string, string> = {};
  const entry = /\s*'((?:[^']|'')*)'\s*:\s*'((?:[^']|'')*)'\s*(,|$)/y;
  let last = '';
  while (entry.lastIndex < text.length) {
    const match = entry.exec(text);
    if (!match) return undefined;
    options[match[1]!.replace(/''/g, "'")] = match[2]!.replace(/''/g, "'");
    last = match[3]!;
    if (last === '') break;
  }
  return last === ',' || Object.keys(options).length === 0 ? undefined : options;
}
