// The files the playground page loads, served from the project's own pinned dependencies (graphiql,
// react, react-dom in package.json) so it works without internet access. Each URL names the
// package version, so browsers may cache it for good. Files are found at start-up: a missing one
// stops the service instead of leaving a page that never loads.
import { createReadStream, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

interface AssetSpec {
  pkg: 'react' | 'react-dom' | 'graphiql';
  /** Path inside the package. */
  file: string;
  type: string;
}

const SPECS = {
  react: { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  reactDom: { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  graphiql: { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  graphiqlCss: { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
} as const satisfies Record<string, AssetSpec>;

export type PlaygroundAssetName = keyof typeof SPECS;

/** Where the page finds each file, relative to /playground. */
export type PlaygroundAssetUrls = Record<PlaygroundAssetName, string>;

const ASSETS_PATH = '/playground/assets';

export function registerPlaygroundAssets(app: FastifyInstance): PlaygroundAssetUrls {
  const require = createRequire(import.meta.url);
  const urls = {} as PlaygroundAssetUrls;
  for (const [name, spec] of Object.entries(SPECS) as Array<[PlaygroundAssetName, AssetSpec]>) {
    const packageJson = require.resolve(`${spec.pkg}/package.json`);
    const { version } = require(packageJson) as { version: string };
    const path = join(dirname(packageJson), spec.file);
    statSync(path); // throws at start-up when the package no longer ships the file
    const url = `${ASSETS_PATH}/${spec.pkg}@${version}/${spec.file.split('/').pop()}`;
    urls[name] = url.slice(1);
    app.get(url, async (_req, reply) =>
      reply
        .type(`${spec.type}; charset=utf-8`)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(createReadStream(path)),
    );
  }
  return urls;
}
