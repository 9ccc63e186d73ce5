// The V8 flags each service runs with in production (NODE_OPTIONS in deploy/k8s, docker-compose.yml
// and deploy/Dockerfile; the deploy checks compare them with these values). The benchmark spawns the
// services with them too, so its RSS and CPU figures are the shipped ones.

// Heap cap below every container's memory limit, so GC works before the OOM killer does.
const HEAP_CAP = '--max-old-space-size=160';

/** The bridge holds result pages while the driver decodes them: a smaller young generation made it
 *  promote them and cost ~50 % more CPU per page read (bench/README.md), so it keeps V8's default. */
export const BRIDGE_NODE_OPTIONS = HEAP_CAP;

/** API processes: V8's default young generation (16 MiB semi-spaces) let RSS grow ~25 MiB past the
 *  120 MB target under 128 concurrent page reads; smaller semi-spaces keep it under (bench/README.md). */
export const API_NODE_OPTIONS = `${HEAP_CAP} --max-semi-space-size=4`;

export function productionNodeOptions(service: string): string {
  return service === 'bridge' ? BRIDGE_NODE_OPTIONS : API_NODE_OPTIONS;
}
