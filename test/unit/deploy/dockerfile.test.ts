// The Dockerfile and .dockerignore, and how Kubernetes and Compose run the image.
import { describe, expect, it } from 'vitest';
import { productionCommand } from '../../../tools/build/node-options.js';
import { readCompose } from './support/check-compose.js';
import {
  checkDockerfile,
  dockerignoreIncludes,
  execForm,
  finalUser,
  parseDockerfile,
  readDockerfile,
  readDockerignore,
} from './support/check-dockerfile.js';
import { field } from './support/k8s-object.js';
import { kustomizations } from './support/paths.js';
import { renderKustomization } from './support/render-kustomization.js';
import { workloads } from './support/workloads.js';

describe('deploy/Dockerfile', () => {
  it('passes every check', () => {
    expect(checkDockerfile(readDockerfile(), readDockerignore())).toEqual([]);
  });

  it('runs the bridge by default, with the command Kubernetes and Compose run it with', () => {
    const cmd = readDockerfile().findLast((i) => i.keyword === 'CMD')!;
    expect(execForm(cmd.args)).toEqual(productionCommand('bridge'));
    expect(productionCommand('bridge')).toContain('--min-semi-space-size=8');
  });

  it('runs as the user Kubernetes and Compose expect', () => {
    const uid = Number(finalUser(readDockerfile())!.split(':')[0]);
    for (const path of kustomizations) {
      for (const workload of workloads(renderKustomization(path))) {
        expect(field(workload.deployment, 'spec', 'template', 'spec', 'securityContext', 'runAsUser')).toBe(
          uid,
        );
      }
    }
    for (const name of ['bridge', 'rest', 'docs', 'graphql', 'grpc']) {
      expect(readCompose().services[name]?.user).toBe(`${uid}:${uid}`);
    }
  });
});

describe('the Dockerfile checks fail when', () => {
  const original = readDockerfile();
  const text = (instructions: { keyword: string; args: string }[]) =>
    instructions.map((i) => `${i.keyword} ${i.args}`).join('\n');

  it('the base is floating, the user is root, or dev dependencies come along', () => {
    const changed = text(original)
      .replace(/node:24\.\d+\.\d+-bookworm-slim/g, 'node:24-slim')
      .replace(/USER 1000:1000/, 'USER root')
      .replace(/--omit=dev /, '');
    const problems = checkDockerfile(parseDockerfile(changed), readDockerignore()).join('\n');
    expect(problems).toMatch(/base image node:24-slim is not a pinned/);
    expect(problems).toMatch(/final USER root is not a numeric non-root user/);
    expect(problems).toMatch(/does not install production dependencies only/);
  });

  it('the base is a pinned Node 20 (end of life on 2026-04-30; package.json engines asks for >=24)', () => {
    const changed = text(original).replace(/node:24\.\d+\.\d+-bookworm-slim/g, 'node:20.20.2-bookworm-slim');
    expect(checkDockerfile(parseDockerfile(changed), readDockerignore()).join('\n')).toMatch(
      /base image node:20\.20\.2-bookworm-slim is not a pinned node:24/,
    );
  });

  it('there is one stage only, or the final stage copies tests or TypeScript', () => {
    const single = parseDockerfile(
      'FROM node:24.21.0-bookworm-slim\nCOPY test ./test\nCOPY services ./services\nUSER 1000\nCMD ["node"]',
    );
    const problems = checkDockerfile(single, readDockerignore()).join('\n');
    expect(problems).toMatch(/not a multi-stage build/);
    expect(problems).toMatch(/final stage copies test/);
    expect(problems).toMatch(/final stage copies services/);
  });

  it('nothing is compiled, the sources run through tsx, or the measured V8 flags are missing', () => {
    const changed = text(original)
      .replace(/RUN npm run build/, 'RUN true')
      .replace(/COPY --from=build \/app\/dist \.\/dist/, 'COPY services ./services')
      .replace(/ENV NODE_OPTIONS=.*/, 'ENV NODE_OPTIONS=--max-old-space-size=512')
      .replace(/CMD \[.*\]/, 'CMD ["node", "--import", "tsx", "services/bridge/src/main.ts"]');
    const problems = checkDockerfile(parseDockerfile(changed), readDockerignore()).join('\n');
    expect(problems).toMatch(/does not run npm run build/);
    expect(problems).toMatch(/final stage does not copy dist\/ from the build stage/);
    expect(problems).toMatch(/NODE_OPTIONS --max-old-space-size=512 is not/);
    expect(problems).toMatch(/does not run a compiled service with node/);
  });

  it('the image leaves out the malloc arenas the services were measured with, or sets others', () => {
    const without = text(original).replace(/^ENV MALLOC_ARENA_MAX=.*$/m, '');
    expect(checkDockerfile(parseDockerfile(without), readDockerignore()).join('\n')).toMatch(
      /final stage MALLOC_ARENA_MAX undefined is not 2/,
    );
    const other = text(original).replace(/^ENV MALLOC_ARENA_MAX=.*$/m, 'ENV MALLOC_ARENA_MAX=8');
    expect(checkDockerfile(parseDockerfile(other), readDockerignore()).join('\n')).toMatch(
      /final stage MALLOC_ARENA_MAX 8 is not 2/,
    );
  });

  it('the command leaves out the flags of the production command, or runs another entry', () => {
    for (const cmd of [
      '["node", "dist/bridge/main.js"]',
      '["node", "--min-semi-space-size=8", "--heap-growing-percent=100", "dist/rest/main.js"]',
      '["node", "--min-semi-space-size=8", "dist/bridge/main.js"]',
    ]) {
      const changed = text(original).replace(/CMD \[.*\]/, `CMD ${cmd}`);
      expect(checkDockerfile(parseDockerfile(changed), readDockerignore()).join('\n')).toMatch(
        /is not (bridge|rest)'s production command/,
      );
    }
  });

  it('the compile cache is not filled in the image, or filled by root (the cache is per user)', () => {
    const lines = text(original).split('\n');
    const fill = lines.findIndex((l) => l.startsWith('RUN warm()'));
    const user = lines.findIndex((l) => l.startsWith('USER 1000'));
    expect(fill).toBeGreaterThan(user);
    // The RUN with its continuation lines.
    const fillEnd = lines.findIndex((l, i) => i >= fill && !l.endsWith('\\'));
    const fillLines = lines.slice(fill, fillEnd + 1);
    const withoutFill = [...lines.slice(0, fill), ...lines.slice(fillEnd + 1)].join('\n');
    const asRoot = [
      ...lines.slice(0, user),
      ...fillLines,
      ...lines.slice(user, fill),
      ...lines.slice(fillEnd + 1),
    ].join('\n');
    for (const changed of [withoutFill, asRoot, text(original).replace(/ENV NODE_COMPILE_CACHE=\S+/, '')]) {
      expect(checkDockerfile(parseDockerfile(changed), readDockerignore()).join('\n')).toMatch(
        /does not fill a compile cache in the image/,
      );
    }
  });

  it("a service's compile cache is filled without the flags that name its folder", () => {
    // V8's flag hash names the folder: a cache filled by plain `node dist/...` is never read.
    const changed = text(original).replace(/--heap-growing-percent=50 dist\/rest\//, 'dist/rest/');
    expect(changed).not.toBe(text(original));
    expect(checkDockerfile(parseDockerfile(changed), readDockerignore())).toEqual([
      "final stage does not fill rest's compile cache with --heap-growing-percent=50: rest would not find it",
    ]);
  });

  it('.dockerignore drops what the image needs or lets local data in', () => {
    expect(checkDockerfile(original, '*\n!package.json\n').join('\n')).toMatch(
      /copies services, which .dockerignore excludes/,
    );
    expect(checkDockerfile(original, 'node_modules\n').join('\n')).toMatch(
      /lets .local into the build context/,
    );
  });
});

describe('.dockerignore matching', () => {
  it('follows Docker: last match wins, parents count, ! re-includes', () => {
    const ignore = readDockerignore();
    expect(dockerignoreIncludes(ignore, 'services/rest/src/main.ts')).toBe(true);
    expect(dockerignoreIncludes(ignore, 'tools/build/build.ts')).toBe(true);
    expect(dockerignoreIncludes(ignore, 'tools/stack/run-stack.ts')).toBe(false);
    expect(dockerignoreIncludes(ignore, 'package-lock.json')).toBe(true);
    expect(dockerignoreIncludes(ignore, 'test/unit/deploy/x.test.ts')).toBe(false);
    expect(dockerignoreIncludes(ignore, 'services/rest/node_modules/x.js')).toBe(false);
    expect(dockerignoreIncludes(ignore, 'README.md')).toBe(false);
  });
});
