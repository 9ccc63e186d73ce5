// Mutation.createKeyspace: SimpleStrategy with `replicas`, or NetworkTopologyStrategy with
// `datacenters` (3 replicas each unless said), never both.
import { buildCreateKeyspace } from '../../../../common/src/cql/ddl.js';
import { ValueError } from '../../translate/graphql-values.js';
import type { ResolverDeps } from '../graphql-context.js';
import { type DdlResolver, runSchemaChange } from './ddl-call.js';
import { positive } from './ddl-inputs.js';

const DATACENTER_REPLICAS = 3;

type DatacenterInput = { name: string; replicas?: number | null } | null;

export function createKeyspace(deps: ResolverDeps): DdlResolver {
  return (_source, args, context) => {
    const name = String(args.name);
    const replicas = args.replicas as number | null | undefined;
    const datacenters = args.datacenters as DatacenterInput[] | null;
    if ((replicas === null || replicas === undefined) && !datacenters) {
      throw new ValueError('You must specify either replicas or datacenters');
    }
    if (replicas !== null && replicas !== undefined && datacenters) {
      throw new ValueError("You can't specify both replicas and datacenters");
    }
    if (datacenters && datacenters.length === 0)
      throw new ValueError('datacenters must contain at least one element');
    const statement = buildCreateKeyspace({
      keyspace: name,
      ifNotExists: args.ifNotExists === true,
      replication: datacenters
        ? {
            strategy: 'NetworkTopologyStrategy',
            datacenters: Object.fromEntries(
              datacenters
                .filter((dc) => dc)
                .map((dc) => [dc!.name, positive(dc!.replicas ?? DATACENTER_REPLICAS, 'replicas')]),
            ),
          }
        : { strategy: 'SimpleStrategy', replicationFactor: positive(replicas!, 'replicas') },
    });
    return runSchemaChange(deps, context, name, statement);
  };
}
