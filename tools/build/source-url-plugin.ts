// In a bundle, import.meta.url is the bundle's URL, not the source file's. Our sources find
// proto/ and schemas/ (and cassandra-driver's internals, through createRequire) relative to their
// own location, so each source file's import.meta.url is replaced by the URL that file has in
// the repository, computed from the bundle's location at run time: the same relative paths then
// work from dist/ and from the TypeScript sources, and dist/ needs no copy of proto/ or schemas/.
import { readFile } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';
import type { Plugin } from 'esbuild';

/** `outFile`: where the bundle that includes these sources is written. */
export function sourceUrlPlugin(sourceRoot: string, outFile: string): Plugin {
  const outDir = dirname(outFile);
  return {
    name: 'source-url',
    setup(build) {
      const filter = new RegExp(`^${escapeRegExp(sourceRoot + sep)}.*\\.ts$`);
      build.onLoad({ filter }, async ({ path }) => {
        const text = await readFile(path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const fromBundle = relative(outDir, path).split(sep).join('/');
        const url = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
        return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
