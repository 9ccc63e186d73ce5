// `npm start`: Cassandra (unless CASSANDRA_CONTACT_POINTS is set), the bridge, and each API of
// APIS (default rest,docs,graphql,grpc; empty for none). Ctrl-C stops everything it started.
// The services run as they ship: compiled first (`npm run build` into dist/, 1–2 s), then started
// with node and their production V8 flags (tools/build/node-options.ts). `npm start -- --tsx` runs
// the TypeScript sources through tsx instead, with the same flags.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildServices } from '../build/build-services.js';
import { repoRoot } from '../cassandra-local/index.js';
import { runStack, type Stack } from './run-stack.js';
import { selectApis, UnknownApiError } from './service-registry.js';

const { values } = parseArgs({ options: { tsx: { type: 'boolean', default: false } } });
const runner = values.tsx ? 'tsx' : 'compiled';

let stack: Stack;
try {
  // An unknown API name is reported before anything is built or started.
  selectApis(process.env.APIS);
  if (runner === 'compiled') {
    const built = await buildServices({ root: repoRoot, outDir: join(repoRoot, 'dist') }).catch(() => {
      // esbuild has printed each error with its file and line.
      process.stderr.write('✖ The services do not compile (above); nothing was started.\n');
      process.exit(1);
    });
    process.stdout.write(`Compiled the services into dist/ in ${built.ms} ms\n`);
  }
  stack = runStack({ runner });
} catch (err) {
  if (err instanceof UnknownApiError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  throw err;
}

let signals = 0;
const onSignal = (signal: NodeJS.Signals): void => {
  signals += 1;
  if (signals === 1) {
    process.stdout.write(`\n${signal}: stopping everything the stack started (again to force)\n`);
    void stack.stop();
    return;
  }
  process.stderr.write(`${signal} again: killing the services now\n`);
  stack.killAll();
  process.exit(1);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('exit', () => stack.killAll());

stack.done.then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
    stack.killAll();
    process.exit(1);
  },
);
