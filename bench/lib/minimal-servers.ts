// Starts the reference servers of issue 19 as child processes, each with the production V8 flags of
// the process it is the floor of (so their CPU and young generation compare), and its CPU read apart
// from /proc/<pid>:
//   - minimal-grpc-server.ts: grpc-js + cassandra-driver, the floor of the bridge (bridge flags);
//   - minimal-rest-server.ts: Fastify, either in front of the minimal gRPC server or running the
//     driver itself, the floor of the REST API (API flags);
//   - minimal-graphql-server.ts: Fastify + Mercurius running the driver itself, the floor of the
//     GraphQL API (its flags).
import { fork } from 'node:child_process';
import { API_NODE_ARGS, BRIDGE_NODE_ARGS, productionEnv } from '../../tools/build/node-options.js';

export interface MinimalServer {
  pid: number;
  /** host:port */
  address: string;
  stop(): void;
}

async function forkServer(
  file: string,
  what: string,
  nodeArgs: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<MinimalServer> {
  const child = fork(new URL(file, import.meta.url).pathname, [], {
    execArgv: [...nodeArgs, '--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  // Its stderr goes on to ours; the last of it names the error a server that dies at start died of.
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    stderrTail = (stderrTail + chunk.toString()).slice(-4000);
  });
  const diedOf = () =>
    stderrTail
      .split('\n')
      .find((line) => /^\w*Error\b/.test(line.trim()))
      ?.trim();
  const stop = () => {
    if (child.connected) child.disconnect();
    // Gives it a moment to close its clients, then makes sure.
    setTimeout(() => child.exitCode === null && child.kill(), 2_000).unref();
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what} did not start in 30 s`)), 30_000);
      child.once('message', (m) => {
        clearTimeout(timer);
        resolve((m as { port: number }).port);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        // The exit can come before the last of its stderr: read it once the pipe has closed.
        const fail = () => {
          const why = diedOf();
          reject(new Error(`${what} exited (${code})${why ? `: ${why}` : ''}`));
        };
        if (child.stderr && !child.stderr.closed) child.stderr.once('close', fail);
        else fail();
      });
    });
    return { pid: child.pid!, address: `127.0.0.1:${port}`, stop };
  } catch (err) {
    stop();
    throw err;
  }
}

export function startMinimalGrpcServer(contactPoints: string): Promise<MinimalServer> {
  return forkServer('./minimal-grpc-server.ts', 'minimal gRPC server', BRIDGE_NODE_ARGS, {
    CASSANDRA_CONTACT_POINTS: contactPoints,
    ...productionEnv('bridge'),
  });
}

/** Fastify + Mercurius + the driver in one process, with the GraphQL API's flags. */
export function startMinimalGraphqlServer(contactPoints: string): Promise<MinimalServer> {
  return forkServer('./minimal-graphql-server.ts', 'minimal GraphQL server', API_NODE_ARGS, {
    CASSANDRA_CONTACT_POINTS: contactPoints,
    ...productionEnv('graphql'),
  });
}

/** `upstream`: the minimal gRPC server's host:port; without it the REST server runs the driver itself. */
export function startMinimalRestServer(contactPoints: string, upstream?: string): Promise<MinimalServer> {
  return forkServer('./minimal-rest-server.ts', 'minimal REST server', API_NODE_ARGS, {
    CASSANDRA_CONTACT_POINTS: contactPoints,
    ...productionEnv('rest'),
    ...(upstream ? { MINIMAL_REST_UPSTREAM: upstream } : {}),
  });
}
