// `npm start`: Cassandra (unless CASSANDRA_CONTACT_POINTS is set), the bridge, and each API of
// APIS (default rest,docs,graphql,grpc; empty for none). Ctrl-C stops everything it started.
import { runStack, type Stack } from './run-stack.js';
import { UnknownApiError } from './service-registry.js';

let stack: Stack;
try {
  stack = runStack();
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
