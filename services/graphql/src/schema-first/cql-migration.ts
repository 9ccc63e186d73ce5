// The CQL statements that make a keyspace match a deployed schema's model, under one of Stargate's
// migration strategies. A table or UDT "matches" when its primary key is the same (names, types,
// order) and every mapped column exists with the mapped type; extra CQL columns are fine, and a
// deploy never drops a column. Mismatches the strategy may not fix are errors naming the element.

import { cqlTypeText } from '../../../common/src/cql/cql-type.js';
import {
  buildAddColumns,
  buildAlterTypeAddFields,
  buildCreateIndex,
  buildCreateTable,
  buildCreateType,
  buildDropTable,
  buildDropType,
  type Statement,
} from '../../../common/src/cql/ddl.js';
import type { CqlTable__Output } from '../../../common/src/proto/generated/stargate/CqlTable.js';
import type { KeyspaceDescription } from '../../../common/src/schema/schema-cache.js';
import { type MappingMessage, messageAt, SchemaMappingError } from './mapping-messages.js';
import type { ColumnModel, EntityModel } from './schema-mapping.js';

export const MIGRATION_STRATEGIES = [
  'USE_EXISTING',
  'ADD_MISSING_TABLES',
  'ADD_MISSING_TABLES_AND_COLUMNS',
  'DROP_AND_RECREATE_ALL',
  'DROP_AND_RECREATE_IF_MISMATCH',
] as const;

export type MigrationStrategy = (typeof MIGRATION_STRATEGIES)[number];

type UdtSpec = NonNullable<KeyspaceDescription['types']>[number];

interface Comparison {
  /** Problems that only dropping and recreating can fix (key, types). */
  mismatches: string[];
  /** Regular columns (or UDT fields) that can be added. */
  missing: ColumnModel[];
}

type TableSpec = NonNullable<KeyspaceDescription['tables']>[number];

/** The keyspace's table or UDT an entity maps to, if it has one (neither: the deploy creates it). */
export function existingOf(
  entity: EntityModel,
  description: KeyspaceDescription,
): { table?: TableSpec | undefined; udt?: UdtSpec | undefined } {
  return entity.target === 'TABLE'
    ? { table: description.tables?.find((t) => t.name === entity.cqlName) }
    : { udt: description.types?.find((t) => t.name === entity.cqlName) };
}

export function planMigration(
  keyspace: string,
  entities: readonly EntityModel[],
  description: KeyspaceDescription,
  strategy: MigrationStrategy,
): Statement[] {
  const errors: MappingMessage[] = [];
  const drops: Statement[] = [];
  const udtDrops: Statement[] = [];
  const creates: Statement[] = [];
  const indexes: Statement[] = [];
  for (const entity of entities) {
    const kind = entity.target === 'TABLE' ? 'table' : 'UDT';
    const { table: existingTable, udt: existingUdt } = existingOf(entity, description);
    const exists = existingTable ?? existingUdt;
    const drop = () =>
      (entity.target === 'TABLE' ? drops : udtDrops).push(
        entity.target === 'TABLE'
          ? buildDropTable({ keyspace, table: entity.cqlName })
          : buildDropType({ keyspace, name: entity.cqlName }),
      );
    if (!exists) {
      if (strategy === 'USE_EXISTING') {
        errors.push(
          messageAt(
            'ERROR',
            `No ${kind} '${entity.cqlName}' in keyspace '${keyspace}' (USE_EXISTING creates nothing)`,
            entity.node,
          ),
        );
        continue;
      }
      creates.push(create(keyspace, entity));
      indexes.push(...createIndexes(keyspace, entity, undefined));
      continue;
    }
    if (strategy === 'DROP_AND_RECREATE_ALL') {
      drop();
      creates.push(create(keyspace, entity));
      indexes.push(...createIndexes(keyspace, entity, undefined));
      continue;
    }
    const comparison = existingTable ? compareTable(entity, existingTable) : compareUdt(entity, existingUdt!);
    const matches = comparison.mismatches.length === 0 && comparison.missing.length === 0;
    if (matches) {
      indexes.push(...createIndexes(keyspace, entity, existingTable));
      continue;
    }
    if (strategy === 'DROP_AND_RECREATE_IF_MISMATCH') {
      drop();
      creates.push(create(keyspace, entity));
      indexes.push(...createIndexes(keyspace, entity, undefined));
      continue;
    }
    const canAdd = strategy === 'ADD_MISSING_TABLES_AND_COLUMNS';
    const problems = [
      ...comparison.mismatches,
      ...(canAdd ? [] : comparison.missing.map((c) => `it has no column '${c.cqlName}'`)),
    ];
    if (problems.length) {
      errors.push(
        messageAt(
          'ERROR',
          `The ${kind} '${entity.cqlName}' does not match the schema: ${problems.join('; ')} (${strategy})`,
          entity.node,
        ),
      );
      continue;
    }
    creates.push(...addMissing(keyspace, entity, comparison.missing));
    indexes.push(...createIndexes(keyspace, entity, existingTable));
  }
  if (errors.length) throw new SchemaMappingError('The keyspace does not match the schema.', errors);
  // Tables go before the UDTs they use; UDTs are created before the tables that use them.
  return [...drops, ...udtDrops, ...creates, ...indexes];
}

function create(keyspace: string, entity: EntityModel): Statement {
  if (entity.target === 'UDT') {
    return buildCreateType({
      keyspace,
      name: entity.cqlName,
      fields: entity.columns.map((c) => ({ name: c.cqlName, type: c.cqlType })),
    });
  }
  const clustering = entity.columns.filter((c) => c.kind === 'clustering');
  return buildCreateTable({
    keyspace,
    table: entity.cqlName,
    columns: entity.columns.map((c) => ({ name: c.cqlName, type: c.cqlType })),
    partitionKey: entity.columns.filter((c) => c.kind === 'partition').map((c) => c.cqlName),
    clusteringKey: clustering.map((c) => c.cqlName),
    clusteringOrder: clustering.map((c) => ({ column: c.cqlName, order: c.order ?? 'ASC' })),
  });
}

function addMissing(keyspace: string, entity: EntityModel, missing: ColumnModel[]): Statement[] {
  if (missing.length === 0) return [];
  const columns = missing.map((c) => ({ name: c.cqlName, type: c.cqlType }));
  return entity.target === 'TABLE'
    ? [buildAddColumns({ keyspace, table: entity.cqlName, columns })]
    : buildAlterTypeAddFields({ keyspace, name: entity.cqlName, fields: columns });
}

/** Indexes the model asks for that the table does not have yet (by name). */
function createIndexes(
  keyspace: string,
  entity: EntityModel,
  table: CqlTable__Output | undefined,
): Statement[] {
  const existing = new Set((table?.indexes ?? []).map((i) => i.name));
  return entity.indexes
    .filter((index) => !existing.has(index.name))
    .map((index) =>
      buildCreateIndex({
        keyspace,
        table: entity.cqlName,
        column: index.column,
        name: index.name,
        ...(index.kind ? { kind: index.kind } : {}),
        ...(index.customClass ? { customClass: index.customClass } : {}),
        ...(index.options ? { options: index.options } : {}),
      }),
    );
}

function compareTable(entity: EntityModel, table: CqlTable__Output): Comparison {
  const mismatches: string[] = [];
  const missing: ColumnModel[] = [];
  const keyOf = (kind: ColumnModel['kind']) => entity.columns.filter((c) => c.kind === kind);
  const describeKey = (columns: Array<{ name: string; type: string; order?: string }>) =>
    columns.map((c) => `${c.name} ${c.type}${c.order ? ` ${c.order}` : ''}`).join(', ');
  const wantedPartition = keyOf('partition').map((c) => ({ name: c.cqlName, type: canonical(c.cqlType) }));
  const actualPartition = (table.partitionKeyColumns ?? []).map((c) => ({
    name: c.name ?? '',
    type: canonical(cqlTypeText(c.type)),
  }));
  if (describeKey(wantedPartition) !== describeKey(actualPartition)) {
    mismatches.push(
      `its partition key is (${describeKey(actualPartition)}), the schema's is (${describeKey(wantedPartition)})`,
    );
  }
  const orders = table.clusteringOrders ?? {};
  const wantedClustering = keyOf('clustering').map((c) => ({
    name: c.cqlName,
    type: canonical(c.cqlType),
    order: c.order ?? 'ASC',
  }));
  const actualClustering = (table.clusteringKeyColumns ?? []).map((c) => {
    const order = orders[c.name ?? ''] as unknown;
    return {
      name: c.name ?? '',
      type: canonical(cqlTypeText(c.type)),
      order: order === 1 || order === 'DESC' ? 'DESC' : 'ASC',
    };
  });
  if (describeKey(wantedClustering) !== describeKey(actualClustering)) {
    mismatches.push(
      `its clustering columns are (${describeKey(actualClustering)}), the schema's are (${describeKey(wantedClustering)})`,
    );
  }
  const regular = new Map(
    [...(table.columns ?? []), ...(table.staticColumns ?? [])].map((c) => [
      c.name ?? '',
      canonical(cqlTypeText(c.type)),
    ]),
  );
  for (const column of keyOf('regular')) {
    const actual = regular.get(column.cqlName);
    if (actual === undefined) {
      if (
        wantedPartition.some((k) => k.name === column.cqlName) ||
        actualPartition.some((k) => k.name === column.cqlName)
      )
        continue;
      if (actualClustering.some((k) => k.name === column.cqlName)) continue;
      missing.push(column);
    } else if (actual !== canonical(column.cqlType)) {
      mismatches.push(
        `column '${column.cqlName}' is ${actual}, the schema's is ${canonical(column.cqlType)}`,
      );
    }
  }
  return { mismatches, missing };
}

function compareUdt(entity: EntityModel, udt: UdtSpec): Comparison {
  const mismatches: string[] = [];
  const missing: ColumnModel[] = [];
  const fields = udt.fields ?? {};
  for (const column of entity.columns) {
    const type = fields[column.cqlName];
    if (!type) missing.push(column);
    else if (canonical(cqlTypeText(type)) !== canonical(column.cqlType)) {
      mismatches.push(
        `field '${column.cqlName}' is ${canonical(cqlTypeText(type))}, the schema's is ${canonical(column.cqlType)}`,
      );
    }
  }
  return { mismatches, missing };
}

/** Type text compared loosely on spelling: no spaces or quotes, varchar as text. */
function canonical(type: string): string {
  return type
    .replace(/\s+/g, '')
    .replace(/"/g, '')
    .replace(/\bvarchar\b/g, 'text');
}
