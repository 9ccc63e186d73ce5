// Compiles each service's TypeScript into dist/ with esbuild, so production runs plain `node`
// (no tsx loader: ~0.5 s less start-up and ~30 MiB less per process, bench/README.md).
//
// Layouts (compared by `npx tsx bench/startup.ts --modes …`; `bundle-deps` is what ships: about half of
// tsx's start-up, and the least start-up CPU of the three; bench/README.md has the figures):
//   bundle-deps  one file per service with our code and most dependencies (KEEP_EXTERNAL stay packages)
//   bundle       one file per service with our own code; node_modules stay external packages
//   files        every source file compiled on its own, same tree under dist/services/
// The bundles are dist/<name>/service.js, started by dist/<name>/main.js, which turns on the module
// compile cache first (COMPILE_CACHE_LAUNCHER); `files` has no launcher.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { sourceUrlPlugin } from './source-url-plugin.js';

export const SERVICE_NAMES = ['bridge', 'rest', 'docs', 'graphql', 'grpc'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
export const LAYOUTS = ['bundle-deps', 'bundle', 'files'] as const;
export type Layout = (typeof LAYOUTS)[number];
export const DEFAULT_LAYOUT: Layout = 'bundle-deps';

/**
 * Packages that stay real packages (imported from node_modules) when dependencies are bundled:
 * they read files next to their own code (__dirname: static assets, .proto files, their
 * package.json, worker scripts) or are also reached through createRequire (cassandra-driver), so
 * a bundled copy would break or be a second instance. A package added here needs nothing else;
 * one that starts reading its own files must be added (a bundle must not mention __dirname:
 * test/integration/build checks it). Their own dependencies stay external too (externalClosure):
 * a package they share with our code (mercurius and graphql) must be one instance.
 */
const KEEP_EXTERNAL = [
  'cassandra-driver',
  '@fastify/swagger',
  '@fastify/swagger-ui',
  '@grpc/grpc-js',
  '@grpc/reflection',
  'grpc-health-check',
  'mercurius',
  'pino',
  // Not for their files: tracing imports them dynamically only when it is on (OTEL_TRACES_EXPORTER),
  // so a process with tracing off never loads them. Bundled, they would be part of every start.
  '@opentelemetry/context-async-hooks',
  '@opentelemetry/core',
  '@opentelemetry/exporter-trace-otlp-proto',
  '@opentelemetry/resources',
  '@opentelemetry/sdk-trace',
  '@opentelemetry/semantic-conventions',
];

/**
 * The entry of a bundled service (`dist/<name>/main.js`): it turns on Node's module compile cache
 * (V8's code cache on disk) and only then loads the bundle (`service.js`) and the packages it
 * imports, so those are compiled from the cache on every start after the first. Turned on in the
 * bundle itself it would come too late: an ES module's imports are all compiled before its code
 * runs. Node writes the cache at exit; it is also written 10 s after the service started (with the
 * functions its first requests compiled), so a process that is killed later leaves it for its
 * restart. The folder is NODE_COMPILE_CACHE (the image's /app/compile-cache, filled when the image
 * is built and read-only at run time: deploy/Dockerfile), else <tmpdir>/node-compile-cache (npm
 * start, the benchmarks); a folder that cannot be written only means no cache (or no update).
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off. Figures: bench/README.md ("Compile cache").
 */
const COMPILE_CACHE_LAUNCHER = `// Written by tools/build/build-services.ts: the module compile cache first, then the service.
import { enableCompileCache, flushCompileCache } from 'node:module';
enableCompileCache();
await import('./service.js');
setTimeout(flushCompileCache, 10_000).unref();
`;

/**
 * Bundled although KEEP_EXTERNAL packages depend on it: prom-client (bundled) requires the
 * OpenTelemetry API at every start (exemplars), and its ~50 small files cost ~20 ms more to load from
 * node_modules than bundled. The tracing SDK's own copy (loaded only with tracing on) shares the
 * bundled one's global registry: the API is built to work across copies.
 */
const BUNDLED_ANYWAY = ['@opentelemetry/api'];

/** Where a service's compiled entry is, relative to the output folder's parent (the repository). */
export function compiledEntry(name: ServiceName, layout: Layout = DEFAULT_LAYOUT, outDir = 'dist'): string {
  return layout === 'files'
    ? join(outDir, 'services', name, 'src', 'main.js')
    : join(outDir, name, 'main.js');
}

export interface BuildOptions {
  /** Repository root: services/ is read from it. */
  root: string;
  /**
   * Output folder, inside the repository: the bundles import node_modules packages and are ES
   * modules by the repository's package.json ("type": "module"). Only what this build writes
   * there is replaced; other files in it stay.
   */
  outDir: string;
  layout?: Layout;
  services?: readonly ServiceName[];
}

export interface BuildResult {
  layout: Layout;
  entries: Record<string, string>;
  ms: number;
}

export async function buildServices(options: BuildOptions): Promise<BuildResult> {
  const started = Date.now();
  const layout = options.layout ?? DEFAULT_LAYOUT;
  const services = options.services ?? SERVICE_NAMES;
  const sourceRoot = join(options.root, 'services');
  for (const name of layout === 'files' ? ['services'] : services) {
    rmSync(join(options.outDir, name), { recursive: true, force: true });
  }
  mkdirSync(options.outDir, { recursive: true });
  const common = {
    format: 'esm',
    platform: 'node',
    target: 'node24',
    // Maps name the repository's files rather than embedding them (smaller, quicker to write).
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    // No minification: readable stack traces and profiles.
  } as const;
  const entries: Record<string, string> = {};
  if (layout === 'files') {
    await build({
      ...common,
      entryPoints: typeScriptFiles(sourceRoot),
      outdir: join(options.outDir, 'services'),
      outbase: sourceRoot,
    });
    // The sources find proto/ and schemas/ four folders above themselves: inside outDir here.
    for (const shared of ['proto', 'schemas']) {
      if (!existsSync(join(options.outDir, shared))) {
        symlinkSync(join(options.root, shared), join(options.outDir, shared));
      }
    }
  } else {
    await Promise.all(
      services.map((name) => {
        const outfile = join(options.outDir, name, 'service.js');
        mkdirSync(join(options.outDir, name), { recursive: true });
        writeFileSync(join(options.outDir, name, 'main.js'), COMPILE_CACHE_LAUNCHER);
        return build({
          ...common,
          entryPoints: [join(sourceRoot, name, 'src', 'main.ts')],
          outfile,
          bundle: true,
          ...(layout === 'bundle'
            ? { packages: 'external' as const }
            : {
                external: externalClosure(options.root, KEEP_EXTERNAL).filter(
                  (name) => !BUNDLED_ANYWAY.includes(name),
                ),
                // CommonJS dependencies inside an ES module bundle still call require().
                banner: {
                  js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
                },
              }),
          plugins: [sourceUrlPlugin(sourceRoot, outfile)],
        });
      }),
    );
  }
  for (const name of services) entries[name] = compiledEntry(name, layout, options.outDir);
  return { layout, entries, ms: Date.now() - started };
}

/** The packages plus everything they depend on (dependencies and peerDependencies), from node_modules. */
export function externalClosure(root: string, packages: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const manifest = join(root, 'node_modules', name, 'package.json');
    if (!existsSync(manifest)) return;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })) visit(dep);
  };
  for (const name of packages) visit(name);
  return [...seen].sort();
}

function typeScriptFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...typeScriptFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}
