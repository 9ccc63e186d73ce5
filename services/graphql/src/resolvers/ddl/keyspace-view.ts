// A keyspace as the DDL schema shows it (the source of the Keyspace type's fields): its name, its
// replication, and its description, fetched once, when a field first needs it.
import { parseReplicationOptions } from '../../../../common/src/cql/replication-options.js';
import type { KeyspaceDescription } from '../../../../common/src/schema/schema-cache.js';

export class KeyspaceView {
  private described?: Promise<KeyspaceDescription | undefined>;

  constructor(
    readonly name: string,
    private readonly replication: Record<string, string> | undefined,
    private readonly load: () => Promise<KeyspaceDescription | undefined>,
    description?: KeyspaceDescription,
  ) {
    if (description) this.described = Promise.resolve(description);
  }

  description(): Promise<KeyspaceDescription | undefined> {
    this.described ??= this.load();
    return this.described;
  }

  async dcs(): Promise<Array<{ name: string; replicas: number }>> {
    const replication =
      this.replication ??
      parseReplicationOptions((await this.description())?.cqlKeyspace?.options?.replication);
    return Object.entries(replication)
      .filter(([key]) => key !== 'class' && key !== 'replication_factor')
      .map(([name, replicas]) => ({ name, replicas: Number(replicas) }));
  }
}
