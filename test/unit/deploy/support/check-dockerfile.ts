// The image: multi-stage from a pinned slim Node 24 LTS base; a stage compiles the services
// (`npm run build`) and the final one gets production dependencies only, the compiled dist/ (no
// TypeScript), the V8 flags the services were measured with, Node's compile cache filled as the
// final user, a non-root numeric USER and a command that runs a compiled service with plain node,
// exactly as its production command (tools/build/node-options.ts) says; a .dockerignore that lets in what the
// Dockerfile copies and keeps out local data and host node_modules.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  API_NODE_OPTIONS,
  compileCacheNodeArgs,
  PRODUCTION_ENV,
  productionCommand,
} from '../../../../tools/build/node-options.js';
import { repoRoot } from './paths.js';

export interface Instruction {
  keyword: string;
  args: string;
}

export const dockerfilePath = join(repoRoot, 'deploy/Dockerfile');

export function parseDockerfile(text: string): Instruction[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/** A CMD or ENTRYPOINT in exec form (a JSON array of strings) → its words; undefined for shell form. */
export function execForm(args: string): string[] | undefined {
  try {
    const words: unknown = JSON.parse(args);
    return Array.isArray(words) && words.every((w) => typeof w === 'string') ? words : undefined;
  } catch {
    return undefined;
  }
}

/** The numeric `uid` of the final stage's USER, if there is one. */
export function finalUser(instructions: readonly Instruction[]): string | undefined {
  const lastFrom = instructions.map((i) => i.keyword).lastIndexOf('FROM');
  return instructions.slice(lastFrom).findLast((i) => i.keyword === 'USER')?.args;
}

export function checkDockerfile(instructions: readonly Instruction[], dockerignore: string): string[] {
  const problems: string[] = [];
  const froms = instructions.filter((i) => i.keyword === 'FROM');
  if (froms.length < 2) problems.push('not a multi-stage build');
  const stages = new Set(froms.map((f) => /\bAS\s+(\S+)/i.exec(f.args)?.[1]).filter(Boolean));
  for (const from of froms) {
    const image = from.args.split(/\s+/)[0]!;
    if (stages.has(image)) continue;
    if (!/^node:24\.\d+\.\d+-(bookworm|bullseye)-slim(@sha256:[0-9a-f]{64})?$/.test(image)) {
      problems.push(`base image ${image} is not a pinned node:24.x.y-<debian>-slim`);
    }
  }
  const runs = instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
  if (!runs.some((r) => /npm ci\b.*--omit=dev/.test(r))) {
    problems.push('does not install production dependencies only');
  }
  if (!runs.some((r) => /^npm run build\b/.test(r))) problems.push('does not run npm run build');
  const user = finalUser(instructions);
  if (!user || !/^[1-9]\d*(:\d+)?$/.test(user)) {
    problems.push(`final USER ${user} is not a numeric non-root user`);
  }
  const command = instructions.findLast((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT')?.args ?? '';
  const argv = execForm(command);
  const service = /^dist\/([a-z]+)\/main\.js$/.exec(argv?.at(-1) ?? '')?.[1];
  if (argv?.[0] !== 'node' || !service) {
    problems.push(`command ${command} does not run a compiled service with node`);
  } else if (JSON.stringify(argv) !== JSON.stringify(productionCommand(service))) {
    problems.push(
      `command ${command} is not ${service}'s production command ${JSON.stringify(productionCommand(service))}`,
    );
  }
  const lastFrom = instructions.map((i) => i.keyword).lastIndexOf('FROM');
  const final = instructions.slice(lastFrom);
  if (!final.some((i) => i.keyword === 'COPY' && /^--from=\S+ \/app\/dist \.\/dist$/.test(i.args))) {
    problems.push('final stage does not copy dist/ from the build stage');
  }
  // The value the final stage's last `ENV <name>=…` gives a variable (quotes removed).
  const finalEnv = (name: string) =>
    final
      .filter((i) => i.keyword === 'ENV')
      .map((i) => new RegExp(`^${name}=(.*)$`).exec(i.args)?.[1]?.replace(/^"(.*)"$/, '$1'))
      .findLast((v) => v !== undefined);
  const nodeOptions = finalEnv('NODE_OPTIONS');
  // The APIs' flags by default; the bridge's Deployment and Compose service set its own.
  if (nodeOptions !== API_NODE_OPTIONS) {
    problems.push(`final stage NODE_OPTIONS ${nodeOptions} is not ${API_NODE_OPTIONS}`);
  }
  // The environment every service was measured with (PRODUCTION_ENV): the image carries it, so the
  // Deployments and Compose services have it without saying so.
  for (const [name, value] of Object.entries(PRODUCTION_ENV)) {
    const set = finalEnv(name);
    if (set !== value) problems.push(`final stage ${name} ${set} is not ${value}`);
  }
  // Node's compile cache comes filled (tools/build/build-services.ts turns it on): in a folder of
  // the image, written by starting the services as the final USER (the cache is per user).
  const cacheDir = finalEnv('NODE_COMPILE_CACHE');
  const userAt = final.findLastIndex((i) => i.keyword === 'USER');
  const fills = final
    .slice(userAt + 1)
    .filter((i) => i.keyword === 'RUN' && /\bdist\/\S+\/main\.js\b/.test(i.args))
    .map((i) => i.args)
    .join('\n');
  if (!cacheDir?.startsWith('/app/') || !fills) {
    problems.push('final stage does not fill a compile cache in the image (NODE_COMPILE_CACHE) as its USER');
  } else {
    // Node names the cache's folder after V8's flag hash: each service's cache is written with the
    // command-line flags that enter it, or that service never reads it.
    for (const service of ['bridge', 'rest', 'docs', 'graphql', 'grpc']) {
      const args = compileCacheNodeArgs(service).join(' ');
      if (!fills.includes(`${args} dist/${service}/main.js`)) {
        problems.push(
          `final stage does not fill ${service}'s compile cache with ${args}: ${service} would not find it`,
        );
      }
    }
  }
  // Every stage's COPY from the build context must be let in by .dockerignore; the final stage
  // copies no sources, tests or tools.
  instructions.forEach((copy, index) => {
    if (copy.keyword !== 'COPY' || copy.args.includes('--from')) return;
    const sources = copy.args
      .split(/\s+/)
      .filter((a) => !a.startsWith('--'))
      .slice(0, -1);
    for (const source of sources) {
      if (index > lastFrom && /^(test|bench|tools|deploy|services|\.local|node_modules)\b/.test(source)) {
        problems.push(`final stage copies ${source}`);
      }
      if (!existsSync(join(repoRoot, source))) problems.push(`copies ${source}, which does not exist`);
      if (!dockerignoreIncludes(dockerignore, source)) {
        problems.push(`copies ${source}, which .dockerignore excludes`);
      }
    }
  });
  for (const kept of ['.local', 'node_modules', '.git', 'test', 'services/x/node_modules']) {
    if (dockerignoreIncludes(dockerignore, kept)) {
      problems.push(`.dockerignore lets ${kept} into the build context`);
    }
  }
  return problems;
}

/**
 * Docker's rule: the last pattern matching the path or one of its parent directories decides;
 * `!` re-includes. `*` stays within one path segment, `**` spans any.
 */
export function dockerignoreIncludes(dockerignore: string, path: string): boolean {
  const patterns = dockerignore
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const segments = path.split('/');
  const prefixes = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  let included = true;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    const regex = globToRegExp(negated ? pattern.slice(1) : pattern);
    if (prefixes.some((prefix) => regex.test(prefix))) included = negated;
  }
  return included;
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/\/$/, '')
    .split(/(\*\*\/|\*\*|\*|\?)/)
    .map((part) => {
      if (part === '**/') return '(?:.*/)?';
      if (part === '**') return '.*';
      if (part === '*') return '[^/]*';
      if (part === '?') return '[^/]';
      return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${body}$`);
}

export function readDockerfile(): Instruction[] {
  return parseDockerfile(readFileSync(dockerfilePath, 'utf8'));
}

export function readDockerignore(): string {
  return readFileSync(join(repoRoot, '.dockerignore'), 'utf8');
}
