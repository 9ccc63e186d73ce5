// Starts the minimal grpc-js + cassandra-driver server (minimal-grpc-server.ts) as a child process,
// with the bridge's production V8 flags (the same young generation as the process it is the floor
// of), so its CPU is read apart from /proc/<pid>.
import { fork } from 'node:child_process';
import { BRIDGE_NODE_ARGS, BRIDGE_NODE_OPTIONS } from '../../tools/build/node-options.js';

export interface MinimalGrpcServer {
  pid: number;
  address: string;
  stop(): void;
}

export async function startMinimalGrpcServer(contactPoints: string): Promise<MinimalGrpcServer> {
  const child = fork(new URL('./minimal-grpc-server.ts', import.meta.url).pathname, [], {
    execArgv: [...BRIDGE_NODE_ARGS, '--import', 'tsx'],
    env: { ...process.env, CASSANDRA_CONTACT_POINTS: contactPoints, NODE_OPTIONS: BRIDGE_NODE_OPTIONS },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = () => {
    if (child.connected) child.disconnect();
    // Gives it a moment to close its driver, then makes sure.
    setTimeout(() => child.exitCode === null && child.kill(), 2_000).unref();
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('minimal gRPC server did not start in 30 s')), 30_000);
      child.once('message', (m) => {
        clearTimeout(timer);
        resolve((m as { port: number }).port);
      });
      child.once('exit', (code) => reject(new Error(`minimal gRPC server exited (${code})`)));
    });
    return { pid: child.pid!, address: `127.0.0.1:${port}`, stop };
  } catch (err) {
    stop();
    throw err;
  }
}
