// deploySchema / undeploySchema: map the SDL to a CQL model, plan the statements the migration
// strategy allows against the keyspace as it is now, and (unless dryRun) lock the keyspace's
// schema_source partition, run them one by one, and store the new version.
import type { CancelSignal } from '../../../common/src/bridge/cancel-signal.js';
import type { KeyspaceDescription } from '../../../common/src/schema/schema-cache.js';
import { KeyspaceNotFoundError } from '../../../common/src/schema/schema-cache.js';
import type { GraphQLSchema } from '../graphql-js.js';
import type { ResolverDeps } from '../resolvers/graphql-context.js';
import { existingOf, type MigrationStrategy, planMigration } from './cql-migration.js';
import { checkKeyspaceEntityCount, type DeployLimits } from './deploy-limits.js';
import { DeployAbandonedError, DeployQueue, type DeployQueueOptions } from './deploy-queue.js';
import { makeDeployedSchemaExecutable } from './deployed-schema.js';
import type { MappingMessage } from './mapping-messages.js';
import { type EntityModel, mapDeployedSchema } from './schema-mapping.js';
import type { SchemaSourceStore } from './schema-source-store.js';

export interface DeployRequest {
  keyspace: string;
  expectedVersion: string | null;
  schema: string;
  migrationStrategy: MigrationStrategy;
  force: boolean;
  dryRun: boolean;
}

/** A version just deployed, with the executable schema the deploy built from it. */
export interface BuiltVersion {
  version: string;
  contents: string;
  schema: GraphQLSchema;
}

export interface DeployOutcome {
  /** The new version (null for a dry run). */
  version: string | null;
  logs: MappingMessage[];
  cqlChanges: string[];
}

/** The GraphQL API's settings of schema-first deploys (GRAPHQL_DEPLOY_*, schemas/config/graphql.json). */
export interface DeployerSettings {
  /** What one deploy may ask (deploy-limits.ts). */
  limits: DeployLimits;
  /** Tables and UDTs a keyspace may hold after a deploy that creates some. */
  maxKeyspaceEntities: number;
  queue: DeployQueueOptions;
}

export class SchemaDeployer {
  /** The deploys of this process, one after the other (see deploy). */
  private readonly queue: DeployQueue;

  constructor(
    private readonly deps: ResolverDeps,
    private readonly store: SchemaSourceStore,
    /** Told after each deploy or undeploy, so /graphql/{keyspace} picks the change up at once; a
     *  successful deploy hands over the schema it built, so it is not built again to be served. */
    private readonly onChange: (keyspace: string, built?: BuiltVersion) => void,
    private readonly settings: DeployerSettings,
  ) {
    this.queue = new DeployQueue(settings.queue);
  }

  /**
   * One deploy at a time per process, dry runs too: a deploy holds the schema it built (up to
   * ~25 MB within the limits) until its statements have run, and 8 dry runs of 20 entities of 280
   * fields at once filled the 160 MiB heap. Waiting ones hold only their SDL, and only so many wait
   * (deploy-queue.ts); `abandoned` (the client went away) skips a waiting one at its turn.
   */
  deploy(request: DeployRequest, token: string, abandoned?: CancelSignal): Promise<DeployOutcome> {
    return this.queue
      .run(() => this.deployNow(request, token), abandoned)
      .catch((err: unknown) => {
        // No client reads this answer: the operator's log is where it shows.
        if (err instanceof DeployAbandonedError)
          this.deps.logger.info({ keyspace: request.keyspace }, err.message);
        throw err;
      });
  }

  private async deployNow(request: DeployRequest, token: string): Promise<DeployOutcome> {
    const call = { token, deadlineMs: this.deps.deadlineMs };
    const { keyspace } = request;
    // Within the limits, or refused before it is built: one SDL must not exhaust the heap.
    const model = mapDeployedSchema(request.schema, this.settings.limits);
    // Operations that map to no statement are warned about here, with their line and column.
    const executable = makeDeployedSchemaExecutable(model, keyspace, this.deps);
    const logs = [...model.logs, ...executable.logs];
    const plan = (description: KeyspaceDescription) => {
      const statements = planMigration(keyspace, model.entities, description, request.migrationStrategy);
      checkKeyspaceEntityCount(
        (description.tables?.length ?? 0) + (description.types?.length ?? 0),
        created(model.entities, description),
        this.settings.maxKeyspaceEntities,
      );
      return statements;
    };
    const before = await this.describe(keyspace, token);
    const statements = plan(before);
    if (request.dryRun) {
      return { version: null, logs, cqlChanges: statements.map((s) => s.cql) };
    }
    await this.store.startDeployment(keyspace, request.expectedVersion, request.force, call);
    let built: BuiltVersion | undefined;
    try {
      // Planned again under the lock: another deploy may have changed the keyspace meanwhile.
      const locked = plan(await this.describe(keyspace, token));
      for (const statement of locked) {
        await this.deps.bridge.executeQuery(
          { cql: statement.cql, values: { values: statement.values } },
          call,
        );
      }
      const source = await this.store.insert(keyspace, request.schema, call);
      built = { version: source.version, contents: request.schema, schema: executable.schema };
      await this.store
        .purgeOldVersions(keyspace, call)
        .catch((err: unknown) =>
          this.deps.logger.warn({ err, keyspace }, 'could not delete old schema versions'),
        );
      return { version: source.version, logs, cqlChanges: locked.map((s) => s.cql) };
    } catch (err) {
      await this.store
        .abortDeployment(keyspace, call)
        .catch((abortErr: unknown) =>
          this.deps.logger.warn({ err: abortErr, keyspace }, 'could not clear deployment_in_progress'),
        );
      throw err;
    } finally {
      this.deps.schemaCache.invalidate(keyspace);
      this.onChange(keyspace, built);
    }
  }

  async undeploy(keyspace: string, expectedVersion: string, force: boolean, token: string): Promise<boolean> {
    await this.store.undeploy(keyspace, expectedVersion, force, { token, deadlineMs: this.deps.deadlineMs });
    this.deps.schemaCache.invalidate(keyspace);
    this.onChange(keyspace);
    return true;
  }

  private async describe(keyspace: string, token: string): Promise<KeyspaceDescription> {
    const description = await this.deps.schemaCache.refresh(keyspace, {
      token,
      deadlineMs: this.deps.deadlineMs,
    });
    if (!description) throw new KeyspaceNotFoundError(keyspace);
    return description;
  }
}

/** The entities whose table or UDT the keyspace does not have yet: the ones a deploy creates. */
function created(entities: readonly EntityModel[], description: KeyspaceDescription): number {
  return entities.filter((e) => {
    const { table, udt } = existingOf(e, description);
    return !table && !udt;
  }).length;
}
