// The V8 flags each service runs with in production (NODE_OPTIONS in deploy/k8s, docker-compose.yml
// and deploy/Dockerfile; the deploy checks compare them with these values), plus the flags NODE_OPTIONS
// cannot carry, given on the node command line before the entry. The benchmark and the fault suite
// spawn the services with them too, so their RSS and CPU figures are the shipped ones.

// Heap cap below every container's memory limit, so GC works before the OOM killer does.
const HEAP_CAP = '--max-old-space-size=160';

/** The bridge holds result pages while the driver decodes them: a young generation of 4–8 MiB
 *  semi-spaces made it promote them and cost ~50 % more CPU per page read (bench/README.md), so it
 *  gets 16 MiB ones (Node 20's default). Left to V8, Node 22+ grows them from 1 MiB up to 64 MiB over
 *  minutes of load and shrinks them again when traffic slows: the bridge's RSS followed, 106→158 MiB
 *  across a 30-minute soak with a flat JS heap (issue 15). */
export const BRIDGE_NODE_OPTIONS = `${HEAP_CAP} --max-semi-space-size=16`;

/** --min-semi-space-size is refused in NODE_OPTIONS: the bridge's command line carries it. With the
 *  minimum at the maximum the young generation has one size from the start, so RSS stays flat. */
export const BRIDGE_NODE_ARGS: readonly string[] = ['--min-semi-space-size=16'];

/** API processes: V8's default young generation (16 MiB semi-spaces) let RSS grow ~25 MiB past the
 *  120 MB target under 128 concurrent page reads; smaller semi-spaces keep it under (bench/README.md). */
export const API_NODE_OPTIONS = `${HEAP_CAP} --max-semi-space-size=4`;

/** The GraphQL API builds an object per row and field and hands them to graphql-jit and then to
 *  the JSON serializer: with 4 MiB semi-spaces, the results of the requests in flight outlived the
 *  young generation and a 100-row page read cost ~38 % more API CPU than with 8 MiB (bench/README.md,
 *  "The GraphQL API's young generation"), for a few MiB of RSS. */
export const GRAPHQL_NODE_OPTIONS = `${HEAP_CAP} --max-semi-space-size=8`;

export function productionNodeOptions(service: string): string {
  if (service === 'bridge') return BRIDGE_NODE_OPTIONS;
  return service === 'graphql' ? GRAPHQL_NODE_OPTIONS : API_NODE_OPTIONS;
}

/** Node flags before the entry file: `node <these> dist/<service>/main.js`. */
export function productionNodeArgs(service: string): readonly string[] {
  return service === 'bridge' ? BRIDGE_NODE_ARGS : [];
}

/** The production command of a compiled service, as the manifests write it. */
export function productionCommand(service: string): string[] {
  return ['node', ...productionNodeArgs(service), `dist/${service}/main.js`];
}
