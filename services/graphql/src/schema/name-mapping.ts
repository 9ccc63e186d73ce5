// The GraphQL names of one keyspace's tables, columns, UDTs and UDT fields, both ways. A name that
// would collide with one already taken is left out and reported, as Stargate's NameMapping does;
// the warnings are served by the `conversionWarnings` query.
import type { CqlTable__Output } from '../../../common/src/proto/generated/stargate/CqlTable.js';
import type { _stargate_TypeSpec_Udt__Output as UdtSpec } from '../../../common/src/proto/generated/stargate/TypeSpec.js';
import { toGraphqlName } from './name-conversions.js';

export class BiMap {
  private readonly forward = new Map<string, string>();
  private readonly backward = new Map<string, string>();

  set(cql: string, graphql: string): void {
    this.forward.set(cql, graphql);
    this.backward.set(graphql, cql);
  }
  graphql(cql: string): string | undefined {
    return this.forward.get(cql);
  }
  cql(graphql: string): string | undefined {
    return this.backward.get(graphql);
  }
  hasGraphql(graphql: string): boolean {
    return this.backward.has(graphql);
  }
}

export class NameMapping {
  readonly warnings: string[] = [];
  private readonly tables = new BiMap();
  private readonly columns = new Map<string, BiMap>();
  private readonly udts = new BiMap();
  private readonly fields = new Map<string, BiMap>();

  constructor(tables: readonly CqlTable__Output[], udts: readonly UdtSpec[]) {
    for (const table of tables) this.addTable(table);
    for (const udt of udts) this.addUdt(udt);
  }

  tableName(cqlTable: string): string | undefined {
    return this.tables.graphql(cqlTable);
  }

  columnNames(cqlTable: string): BiMap | undefined {
    return this.columns.get(cqlTable);
  }

  udtName(cqlUdt: string): string | undefined {
    return this.udts.graphql(cqlUdt);
  }

  udtFieldNames(cqlUdt: string): BiMap | undefined {
    return this.fields.get(cqlUdt);
  }

  private addTable(table: CqlTable__Output): void {
    const cqlName = table.name ?? '';
    const graphqlName = toGraphqlName(cqlName, 'table');
    const clash = this.tables.cql(graphqlName);
    if (clash !== undefined) {
      this.warnings.push(
        `Couldn't convert table ${cqlName} because its GraphQL name ${graphqlName} would collide with table ${clash}`,
      );
      return;
    }
    if (graphqlName !== cqlName) this.warnings.push(`Table ${cqlName} mapped as ${graphqlName}`);
    this.tables.set(cqlName, graphqlName);
    const columns = [
      ...(table.partitionKeyColumns ?? []),
      ...(table.clusteringKeyColumns ?? []),
      ...(table.columns ?? []),
      ...(table.staticColumns ?? []),
    ].map((c) => c.name ?? '');
    this.columns.set(cqlName, this.buildNames(columns, cqlName));
  }

  private addUdt(udt: UdtSpec): void {
    const cqlName = udt.name ?? '';
    const graphqlName = toGraphqlName(cqlName, 'udt');
    const clash = this.udts.cql(graphqlName);
    if (clash !== undefined) {
      this.warnings.push(
        `Could not convert UDT ${cqlName} because its GraphQL name ${graphqlName} would collide with UDT ${clash}`,
      );
      return;
    }
    if (graphqlName !== `${cqlName}Udt`) this.warnings.push(`UDT ${cqlName} mapped as ${graphqlName}`);
    this.udts.set(cqlName, graphqlName);
    this.fields.set(cqlName, this.buildNames(Object.keys(udt.fields ?? {}), cqlName));
  }

  private buildNames(cqlNames: readonly string[], owner: string): BiMap {
    const map = new BiMap();
    for (const cqlName of cqlNames) {
      const graphqlName = toGraphqlName(cqlName, 'column');
      const clash = map.cql(graphqlName);
      if (clash !== undefined) {
        this.warnings.push(
          `Could not convert column ${cqlName} in table/UDT ${owner} because its GraphQL name ${graphqlName} would collide with column ${clash}`,
        );
        continue;
      }
      if (graphqlName !== cqlName) {
        this.warnings.push(`Column ${cqlName} in table/UDT ${owner} mapped as ${graphqlName}`);
      }
      map.set(cqlName, graphqlName);
    }
    return map;
  }
}
