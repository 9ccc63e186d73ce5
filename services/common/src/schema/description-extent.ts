// How big a keyspace's description is, counted cheaply (one walk, no serialization), so that the
// caches holding descriptions, or what is built from them, can be bounded in approximate bytes:
// the schema is the choice of whoever may create tables and types, and one keyspace of a hundred
// wide tables costs what a thousand small ones do. Each cache turns these counts into bytes with
// the costs it measured for its own representation.
import type { CqlKeyspaceDescribe } from '../proto/generated/stargate/CqlKeyspaceDescribe.js';
import type { CqlMaterializedView } from '../proto/generated/stargate/CqlMaterializedView.js';
import type { CqlTable } from '../proto/generated/stargate/CqlTable.js';

export interface DescriptionExtent {
  /** Tables, materialized views and user-defined types (each a group of types in GraphQL). */
  tables: number;
  /** Their columns and fields. */
  columns: number;
  /** Objects in the description: a column typed by a UDT carries the whole UDT spec. */
  objects: number;
  /** Bytes of all its text (names, comments, options): 1 per character, 2 beyond Latin-1. */
  textBytes: number;
}

type Described = Pick<CqlKeyspaceDescribe, 'tables' | 'materializedViews' | 'types'>;
/** A table or a materialized view (which has no static columns). */
type Relation = CqlMaterializedView & Pick<CqlTable, 'staticColumns'>;

const BEYOND_LATIN1 = /[\u0100-\uffff]/;

export function descriptionExtent(description: Described): DescriptionExtent {
  const extent: DescriptionExtent = { tables: 0, columns: 0, objects: 0, textBytes: 0 };
  const relations: Relation[] = [
    ...(description.tables ?? []),
    ...(description.tables ?? []).flatMap((t) => t.materializedViews ?? []),
    ...(description.materializedViews ?? []),
  ];
  for (const relation of relations) {
    extent.tables++;
    extent.columns +=
      (relation.partitionKeyColumns?.length ?? 0) +
      (relation.clusteringKeyColumns?.length ?? 0) +
      (relation.columns?.length ?? 0) +
      (relation.staticColumns?.length ?? 0);
  }
  for (const udt of description.types ?? []) {
    extent.tables++;
    extent.columns += Object.keys(udt.fields ?? {}).length;
  }
  walk(description, extent);
  return extent;
}

function walk(value: unknown, extent: DescriptionExtent): void {
  if (typeof value === 'string') {
    extent.textBytes += BEYOND_LATIN1.test(value) ? 2 * value.length : value.length;
  } else if (Array.isArray(value)) {
    for (const item of value) walk(item, extent);
  } else if (value !== null && typeof value === 'object') {
    extent.objects++;
    const object = value as Record<string, unknown>;
    for (const key in object) {
      // Keys of maps (options, UDT fields, clustering orders) are text of the schema too.
      extent.textBytes += key.length;
      walk(object[key], extent);
    }
  }
}
