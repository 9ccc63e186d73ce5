// The V8 flags each service runs with in production (NODE_OPTIONS in deploy/k8s, docker-compose.yml
// and deploy/Dockerfile; the deploy checks compare them with these values), plus the flags NODE_OPTIONS
// cannot carry, given on the node command line before the entry. The benchmark and the fault suite
// spawn the services with them too, so their RSS and CPU figures are the shipped ones.

// Heap cap below every container's memory limit, so GC works before the OOM killer does.
const HEAP_CAP = '--max-old-space-size=160';

/**
 * V8 sizes the old generation's allocation limit as a factor of what survived the last full GC,
 * and with a 160 MiB cap that factor is ~1.3 (it grows towards 4 only for caps near 1 GiB). When
 * the room left under the limit is smaller than the young generation, V8 starts incremental marking
 * at once: the bridge (live heap ~22 MiB) ran a mark-compact every ~100 ms under load, 25 % of its
 * busy time during page reads, half of its CPU per page (bench/README.md, "Full GCs back to back").
 * A factor of 2 leaves room for its whole young generation; the heap cap still holds. Node refuses
 * this flag in NODE_OPTIONS: it goes on the command line.
 */
const BRIDGE_HEAP_GROWING = '--heap-growing-percent=100';

/** The APIs did not mark back to back, but with ~1.3 their promoted garbage filled the room left
 *  within a few hundred ms: 1.5 cut their CPU per read by 5–15 % for 5–9 MiB of peak RSS; 2 cut it
 *  by another 5–10 % for ~23 MiB more (bench/README.md), so 1.5. */
const API_HEAP_GROWING = '--heap-growing-percent=50';

/** The bridge's young generation: with the factor above, 8 MiB semi-spaces cost 60–67 µs of bridge
 *  CPU per 100-row page read, 16 MiB 72–91 µs (and ~30 MiB more RSS), 4 MiB 65–76 µs
 *  (bench/README.md). Left to V8, Node 22+ grows them from 1 MiB up to 64 MiB over minutes of load
 *  and shrinks them again when traffic slows: the bridge's RSS followed, 106→158 MiB across a
 *  30-minute soak with a flat JS heap (issue 15); so they have one size. */
export const BRIDGE_NODE_OPTIONS = `${HEAP_CAP} --max-semi-space-size=8`;

/** Flags NODE_OPTIONS refuses (--min-semi-space-size, --heap-growing-percent) go on the bridge's
 *  command line. With the minimum at the maximum the young generation has one size from the start,
 *  so RSS stays flat. */
export const BRIDGE_NODE_ARGS: readonly string[] = ['--min-semi-space-size=8', BRIDGE_HEAP_GROWING];

/** The APIs' command-line flags. */
export const API_NODE_ARGS: readonly string[] = [API_HEAP_GROWING];

/** The command-line flags of a service that enter V8's flag hash, which names the folder of Node's
 *  compile cache (--min-semi-space-size does not): the image fills its cache with them, or the
 *  service would not find it. */
export function compileCacheNodeArgs(service: string): readonly string[] {
  return [service === 'bridge' ? BRIDGE_HEAP_GROWING : API_HEAP_GROWING];
}

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
  return service === 'bridge' ? BRIDGE_NODE_ARGS : API_NODE_ARGS;
}

/** The production command of a compiled service, as the manifests write it. */
export function productionCommand(service: string): string[] {
  return ['node', ...productionNodeArgs(service), `dist/${service}/main.js`];
}

/**
 * Environment of every service process beside its flags. glibc gives each thread that contends for
 * malloc an arena of its own and keeps what was freed in it: a service's ~10 threads (V8's GC and
 * compiler workers, libuv's pool) held 8–18 MiB more resident memory than with two arenas, for the
 * same CPU per request (bench/README.md, "glibc's malloc arenas"). The image sets it (deploy/
 * Dockerfile), so Kubernetes and Compose have it; the local runners, the benchmark and the tests
 * give it to the processes they spawn.
 */
export const PRODUCTION_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/** A service's environment as shipped: its NODE_OPTIONS and PRODUCTION_ENV. A PRODUCTION_ENV variable
 *  already set in `current` is kept, so an experiment (MALLOC_ARENA_MAX=8 npm run bench) can change it. */
export function productionEnv(
  service: string,
  current: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = { NODE_OPTIONS: productionNodeOptions(service) };
  for (const [name, value] of Object.entries(PRODUCTION_ENV)) env[name] = current[name] ?? value;
  return env;
}
