// `npm run build`: every service compiled into dist/ (git-ignored), run with `node dist/<name>/main.js`.
//   npx tsx tools/build/build.ts [--out dist] [--layout bundle-deps|bundle|files]
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildServices, DEFAULT_LAYOUT, LAYOUTS, type Layout } from './build-services.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'dist' },
    layout: { type: 'string', default: DEFAULT_LAYOUT },
  },
});
if (!(LAYOUTS as readonly string[]).includes(values.layout)) {
  process.stderr.write(`--layout must be one of ${LAYOUTS.join(', ')}\n`);
  process.exit(2);
}
const result = await buildServices({
  root,
  outDir: resolve(root, values.out),
  layout: values.layout as Layout,
});
process.stdout.write(
  `built ${Object.values(result.entries).join(', ')} (${result.layout}) in ${result.ms} ms\n`,
);
