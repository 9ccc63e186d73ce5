// Deployed schemas, kept where Stargate keeps them so a keyspace deployed by Stargate keeps
// working: stargate_graphql.schema_source (keyspace_name text, version timeuuid clustering DESC,
// contents text, latest_version timeuuid STATIC, deployment_in_progress boolean STATIC). A deploy
// "locks" the keyspace's partition with a lightweight transaction on the two static columns
// (expected latest_version, nobody deploying), which is also how concurrent deploys are refused.
import type { BridgeClient } from '../../../common/src/bridge/bridge-client.js';
import { newTimeUuid } from '../../../common/src/codecs/time-uuid.js';
import { isTimeUuid, uuidFromBytes, uuidToBytes } from '../../../common/src/codecs/uuid.js';
import { buildCreateKeyspace, buildCreateTable, type Replication } from '../../../common/src/cql/ddl.js';
import type { ResultSet__Output } from '../../../common/src/proto/generated/stargate/ResultSet.js';
import type { Value, Value__Output } from '../../../common/src/proto/generated/stargate/Value.js';
import { ValueError } from '../translate/graphql-values.js';

export const SCHEMA_KEYSPACE = 'stargate_graphql';
export const SCHEMA_TABLE = 'schema_source';
const TABLE = `"${SCHEMA_KEYSPACE}"."${SCHEMA_TABLE}"`;
/** Versions kept per keyspace; older ones are deleted after a deploy (as Stargate does). */
const RETAINED_VERSIONS = 10;

export interface SchemaSource {
  keyspace: string;
  version: string;
  contents: string;
  /** When the version was deployed (from its timeuuid), ISO-8601. */
  deployDate: string;
  /** The latest_version of the keyspace (null once undeployed). */
  latestVersion: string | null;
}

/** A deploy or undeploy refused because of the keyspace's version state (Stargate's messages). */
export class VersionConflictError extends ValueError {}

export class InvalidVersionError extends ValueError {}

interface Call {
  token: string;
  deadlineMs?: number;
}

const str = (value: string): Value => ({ string: value });
const uuid = (value: string): Value => ({ uuid: { value: uuidToBytes(value)! } });
const NULL: Value = { null: {} };

export class SchemaSourceStore {
  private readonly created = new Set<string>();

  constructor(
    private readonly bridge: BridgeClient,
    private readonly replication: Replication,
  ) {}

  /** Every stored version of the keyspace, newest first (none when the table does not exist). */
  async list(keyspace: string, call: Call): Promise<SchemaSource[]> {
    const rows = await this.select(
      `SELECT version, contents, latest_version FROM ${TABLE} WHERE keyspace_name = ?`,
      [str(keyspace)],
      call,
    );
    return rows.map((row) => toSource(keyspace, row));
  }

  /** One version, or the newest one when none is given. */
  async get(keyspace: string, version: string | undefined, call: Call): Promise<SchemaSource | undefined> {
    if (version !== undefined && !isTimeUuid(version)) return undefined;
    const rows = version
      ? await this.select(
          `SELECT version, contents, latest_version FROM ${TABLE} WHERE keyspace_name = ? AND version = ?`,
          [str(keyspace), uuid(version)],
          call,
        )
      : await this.select(
          `SELECT version, contents, latest_version FROM ${TABLE} WHERE keyspace_name = ? LIMIT 1`,
          [str(keyspace)],
          call,
        );
    return rows[0] ? toSource(keyspace, rows[0]) : undefined;
  }

  /** The version currently deployed (latest_version), if any: what /graphql/{keyspace} serves. */
  async current(keyspace: string, call: Call): Promise<SchemaSource | undefined> {
    const newest = await this.get(keyspace, undefined, call);
    if (!newest?.latestVersion) return undefined;
    return newest.latestVersion === newest.version ? newest : this.get(keyspace, newest.latestVersion, call);
  }

  /** Marks a deployment in progress if the keyspace is at `expectedVersion` (null: never deployed). */
  async startDeployment(
    keyspace: string,
    expectedVersion: string | null,
    force: boolean,
    call: Call,
  ): Promise<void> {
    const expected = checkedVersion(expectedVersion);
    await this.ensureTable(call);
    const conditions = force ? 'latest_version = ?' : 'latest_version = ? AND deployment_in_progress != true';
    const resultSet = await this.run(
      `UPDATE ${TABLE} SET deployment_in_progress = true WHERE keyspace_name = ? IF ${conditions}`,
      [str(keyspace), expected ? uuid(expected) : NULL],
      call,
    );
    conflictUnlessApplied(resultSet, expected);
  }

  /** Stores the new version as the keyspace's latest and ends the deployment. */
  async insert(keyspace: string, contents: string, call: Call): Promise<SchemaSource> {
    const version = newTimeUuid();
    await this.run(
      `INSERT INTO ${TABLE} (keyspace_name, version, latest_version, contents, deployment_in_progress) VALUES (?, ?, ?, ?, false)`,
      [str(keyspace), uuid(version), uuid(version), str(contents)],
      call,
    );
    return { keyspace, version, contents, deployDate: timeUuidDate(version), latestVersion: version };
  }

  async abortDeployment(keyspace: string, call: Call): Promise<void> {
    await this.run(
      `UPDATE ${TABLE} SET deployment_in_progress = false WHERE keyspace_name = ?`,
      [str(keyspace)],
      call,
    );
  }

  /** Clears latest_version (the keyspace goes back to its CQL-first schema); history is kept. */
  async undeploy(keyspace: string, expectedVersion: string, force: boolean, call: Call): Promise<void> {
    const expected = checkedVersion(expectedVersion)!;
    await this.ensureTable(call);
    const conditions = force ? 'latest_version = ?' : 'latest_version = ? AND deployment_in_progress != true';
    const resultSet = await this.run(
      `UPDATE ${TABLE} SET latest_version = null, deployment_in_progress = false WHERE keyspace_name = ? IF ${conditions}`,
      [str(keyspace), uuid(expected)],
      call,
    );
    conflictUnlessApplied(resultSet, expected);
  }

  /** Deletes all but the newest RETAINED_VERSIONS versions. */
  async purgeOldVersions(keyspace: string, call: Call): Promise<void> {
    const versions = await this.list(keyspace, call);
    const newestToDelete = versions[RETAINED_VERSIONS];
    if (!newestToDelete) return;
    await this.run(
      `DELETE FROM ${TABLE} WHERE keyspace_name = ? AND version <= ?`,
      [str(keyspace), uuid(newestToDelete.version)],
      call,
    );
  }

  private async ensureTable(call: Call): Promise<void> {
    if (this.created.has(call.token)) return;
    await this.run(
      buildCreateKeyspace({ keyspace: SCHEMA_KEYSPACE, replication: this.replication, ifNotExists: true })
        .cql,
      [],
      call,
    );
    await this.run(
      buildCreateTable({
        keyspace: SCHEMA_KEYSPACE,
        table: SCHEMA_TABLE,
        columns: [
          { name: 'keyspace_name', type: 'text' },
          { name: 'version', type: 'timeuuid' },
          { name: 'contents', type: 'text' },
          { name: 'latest_version', type: 'timeuuid', isStatic: true },
          { name: 'deployment_in_progress', type: 'boolean', isStatic: true },
        ],
        partitionKey: ['keyspace_name'],
        clusteringKey: ['version'],
        clusteringOrder: [{ column: 'version', order: 'DESC' }],
        ifNotExists: true,
      }).cql,
      [],
      call,
    );
    // Per token: another role may lack the right to create it, and must then be told so.
    this.created.add(call.token);
  }

  private async select(cql: string, values: Value[], call: Call): Promise<Map<string, Value__Output>[]> {
    try {
      const resultSet = await this.run(cql, values, call, true);
      const columns = (resultSet?.columns ?? []).map((c) => c.name ?? '');
      return (resultSet?.rows ?? [])
        .filter((row) => row.values?.[columns.indexOf('version')]?.uuid)
        .map((row) => new Map(columns.map((name, i) => [name, row.values![i]!])));
    } catch (err) {
      // Nothing was ever deployed on this cluster: no keyspace or table yet.
      if (/unconfigured table|does not exist|Keyspace .* doesn't exist/i.test((err as Error).message))
        return [];
      throw err;
    }
  }

  private async run(
    cql: string,
    values: Value[],
    call: Call,
    idempotent = false,
  ): Promise<ResultSet__Output | undefined> {
    const response = await this.bridge.executeQuery(
      { cql, values: { values } },
      { token: call.token, deadlineMs: call.deadlineMs, idempotent },
    );
    return response.resultSet;
  }
}

function checkedVersion(version: string | null): string | null {
  if (version === null) return null;
  if (!isTimeUuid(version))
    throw new InvalidVersionError(`Invalid version '${version}': expected a timeuuid`);
  return version;
}

function conflictUnlessApplied(resultSet: ResultSet__Output | undefined, expected: string | null): void {
  const columns = (resultSet?.columns ?? []).map((c) => c.name ?? '');
  const row = resultSet?.rows?.[0]?.values ?? [];
  const at = (name: string) => row[columns.indexOf(name)];
  if (at('[applied]')?.boolean !== false) return;
  if (!columns.includes('latest_version')) {
    throw new VersionConflictError('You specified expectedVersion but no previous version was found');
  }
  const actualBytes = at('latest_version')?.uuid?.value;
  const actual = actualBytes ? uuidFromBytes(actualBytes) : null;
  if (actual === expected) {
    throw new VersionConflictError(
      'It looks like someone else is deploying a new schema, please check the latest version and try again. ' +
        "This can also happen if a previous deployment failed unexpectedly, in that case you can use the 'force' argument to bypass this check.",
    );
  }
  throw new VersionConflictError(
    `You specified expectedVersion ${expected}, but there is a more recent version ${actual}`,
  );
}

function toSource(keyspace: string, row: Map<string, Value__Output>): SchemaSource {
  const version = uuidFromBytes(row.get('version')!.uuid!.value!);
  const latest = row.get('latest_version')?.uuid?.value;
  return {
    keyspace,
    version,
    contents: row.get('contents')?.string ?? '',
    deployDate: timeUuidDate(version),
    latestVersion: latest ? uuidFromBytes(latest) : null,
  };
}

const GREGORIAN_OFFSET_100NS = 122_192_928_000_000_000n;

/** The instant a version 1 UUID was made, ISO-8601. */
export function timeUuidDate(version: string): string {
  const hex = version.replace(/-/g, '');
  const ticks =
    ((BigInt(`0x${hex.slice(12, 16)}`) & 0x0fffn) << 48n) |
    (BigInt(`0x${hex.slice(8, 12)}`) << 32n) |
    BigInt(`0x${hex.slice(0, 8)}`);
  return new Date(Number((ticks - GREGORIAN_OFFSET_100NS) / 10_000n)).toISOString();
}
