// The whole local system in one process tree: Cassandra (through the launcher, unless
// CASSANDRA_CONTACT_POINTS names one), then the bridge, then each API of APIS. Stops in reverse
// order; any child that exits on its own, and any Cassandra node that dies, takes the whole stack
// down with a loud report (for a node: its cause, read from its logs).
import { PRODUCTION_ENV } from '../build/node-options.js';
import {
  CassandraLocalError,
  type ClusterOptions,
  deathReport,
  type NodeWatch,
  type RunningCluster,
  repoRoot,
  StartAbortedError,
  startCluster,
  stopCluster,
  watchNodes,
} from '../cassandra-local/index.js';
import {
  type ChildExit,
  ChildProcessSupervisor,
  describeChildExit,
  type ManagedChild,
} from './child-process-supervisor.js';
import {
  bridgeOf,
  describeUrls,
  entryExists,
  entryOf,
  healthUrl,
  nodeArgs,
  nodeOptions,
  portOf,
  type Runner,
  SERVICES,
  type ServiceDefinition,
  selectApis,
} from './service-registry.js';
import { waitForHttp } from './wait-for-http.js';

export interface StackOptions {
  env?: NodeJS.ProcessEnv;
  /** Repository root: entries are relative to it, children run in it. */
  root?: string;
  /** `compiled` (default): each service's `npm run build` output with node; `tsx`: its TypeScript. */
  runner?: Runner;
  registry?: readonly ServiceDefinition[];
  write?: (line: string) => void;
  writeError?: (line: string) => void;
  /** Bound of each service's readiness wait (default 120 s). */
  readyTimeoutMs?: number;
  /** SIGTERM grace of each child at shutdown (default 5 s). */
  stopGraceMs?: number;
  /** Options of the launcher when the stack starts Cassandra itself. */
  cassandra?: ClusterOptions;
}

export interface Stack {
  /** Resolves true once every service is ready, false if start-up failed or was stopped. */
  ready: Promise<boolean>;
  /** Resolves with the process exit code once everything the stack started has stopped. */
  done: Promise<number>;
  /** Graceful stop (exit code 0). */
  stop(): Promise<number>;
  /** Last resort: SIGKILL every child at once. */
  killAll(): void;
}

/** Throws UnknownApiError at once (before anything starts) when APIS names an unknown API. */
export function runStack(options: StackOptions = {}): Stack {
  const env = options.env ?? process.env;
  const root = options.root ?? repoRoot;
  const registry = options.registry ?? SERVICES;
  const runner = options.runner ?? 'compiled';
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const writeError = options.writeError ?? ((line: string) => process.stderr.write(`${line}\n`));
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  const stopGraceMs = options.stopGraceMs ?? 5_000;
  const apis = selectApis(env.APIS, registry);
  const bridge = bridgeOf(registry);

  const abort = new AbortController();
  let cluster: RunningCluster | undefined;
  let ownsCassandra = false;
  let shutdownPromise: Promise<number> | undefined;
  let cassandraWatch: NodeWatch | undefined;
  let cassandraStarting: Promise<unknown> | undefined;
  let resolveDone: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => {
    resolveDone = resolve;
  });

  const bridgeChildren: ManagedChild[] = [];
  const apiChildren: ManagedChild[] = [];
  const supervisor = new ChildProcessSupervisor(
    {
      write,
      onUnexpectedExit: (child, exit) => {
        reportExit(child, exit);
        void shutdown(1);
      },
    },
    registry.map((s) => s.name),
  );

  const reportExit = (child: ManagedChild, exit: ChildExit): void => {
    writeError('');
    writeError(`✖ ${child.name} exited unexpectedly (${describeChildExit(exit)}). Its last output:`);
    for (const line of child.lastLines()) writeError(`  ${line}`);
    writeError('Stopping the whole stack (nothing is restarted automatically).');
  };

  const shutdown = (code: number): Promise<number> => {
    shutdownPromise ??= (async () => {
      supervisor.beginShutdown();
      abort.abort();
      cassandraWatch?.stop();
      // A node that is starting is stopped by the launcher itself once aborted: wait for that.
      await cassandraStarting?.catch(() => undefined);
      const started = Date.now();
      const stopAll = (children: ManagedChild[]) =>
        Promise.all(children.filter((c) => !c.exit).map((c) => supervisor.stop(c, stopGraceMs)));
      if (apiChildren.some((c) => !c.exit)) write('Stopping the APIs…');
      await stopAll(apiChildren);
      if (bridgeChildren.some((c) => !c.exit)) write('Stopping the bridge…');
      await stopAll(bridgeChildren);
      if (ownsCassandra && cluster) {
        write('Stopping Cassandra (its data stays in the data folder)…');
        try {
          await stopCluster({ ...options.cassandra, dataDir: cluster.dataDir, log: write });
        } catch (err) {
          writeError(`Could not stop Cassandra: ${(err as Error).message}`);
          code = code === 0 ? 1 : code;
        }
      }
      write(`Stack stopped in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      resolveDone(code);
      return code;
    })();
    return shutdownPromise;
  };

  const fail = (lines: string[]): Promise<number> => {
    writeError('');
    for (const line of lines) writeError(line);
    return shutdown(1);
  };

  const startService = (service: ServiceDefinition, childEnv: NodeJS.ProcessEnv): ManagedChild => {
    write(`Starting ${service.name} (${entryOf(service, runner)})`);
    return supervisor.start({
      name: service.name,
      command: process.execPath,
      args: [...nodeArgs(service, root, runner), ...(service.args ?? [])],
      cwd: root,
      env: { ...PRODUCTION_ENV, ...childEnv, NODE_OPTIONS: nodeOptions(service, childEnv.NODE_OPTIONS) },
    });
  };

  const awaitReady = async (
    service: ServiceDefinition,
    child: ManagedChild,
    path: string,
    childEnv: NodeJS.ProcessEnv,
  ): Promise<boolean> => {
    const url = healthUrl(service, childEnv, path);
    const result = await waitForHttp(url, {
      timeoutMs: readyTimeoutMs,
      shouldStop: () => child.exit !== undefined || shutdownPromise !== undefined,
      onProgress: (elapsed, problem) =>
        write(`…waiting for ${service.name} at ${url} (${Math.round(elapsed / 1000)} s, ${problem})`),
    });
    if (result === 'ready') return true;
    if (result === 'timeout') {
      await fail([
        `✖ ${service.name} did not answer ${url} with 200 within ${Math.round(readyTimeoutMs / 1000)} s. Its last output:`,
        ...child.lastLines().map((line) => `  ${line}`),
        'Stopping the whole stack.',
      ]);
    }
    return false;
  };

  // A node that dies takes the stack down with its cause, ours or one we found running: every
  // request would fail without it.
  const watchCassandra = (running: RunningCluster): void => {
    if (shutdownPromise) return;
    cassandraWatch = watchNodes(running.nodes, (death) => {
      if (shutdownPromise) return;
      const [headline, ...rest] = deathReport(death);
      void fail([`✖ ${headline}`, ...rest, 'Stopping the whole stack.']);
    });
  };

  const startAll = async (): Promise<boolean> => {
    // 1. Cassandra.
    let contactPoints: string;
    if (env.CASSANDRA_CONTACT_POINTS) {
      contactPoints = env.CASSANDRA_CONTACT_POINTS;
      write(`Using Cassandra at ${contactPoints} (CASSANDRA_CONTACT_POINTS); not starting one`);
    } else {
      try {
        const starting = startCluster({
          ...options.cassandra,
          reuseRunning: true,
          log: write,
          signal: abort.signal,
        });
        cassandraStarting = starting;
        cluster = await starting;
      } catch (err) {
        if (err instanceof StartAbortedError || shutdownPromise) return false;
        const message =
          err instanceof CassandraLocalError ? err.message : String((err as Error).stack ?? err);
        await fail([`✖ Cassandra could not start: ${message}`]);
        return false;
      }
      ownsCassandra = !cluster.alreadyRunning;
      contactPoints = cluster.contactPoints.join(',');
      if (cluster.alreadyRunning) {
        write(
          `Using the local Cassandra already running at ${contactPoints} (it stays up when the stack stops)`,
        );
      }
      watchCassandra(cluster);
    }
    if (shutdownPromise) return false;

    const childEnv: NodeJS.ProcessEnv = { ...env, CASSANDRA_CONTACT_POINTS: contactPoints };
    if (bridge && !childEnv.BRIDGE_ADDRESS) {
      childEnv.BRIDGE_ADDRESS = `127.0.0.1:${portOf(bridge, 'BRIDGE_GRPC_PORT', childEnv)}`;
    }

    // 2. The bridge.
    let bridgeRunning = false;
    if (bridge && entryExists(bridge, root, runner)) {
      const child = startService(bridge, childEnv);
      bridgeChildren.push(child);
      if (!(await awaitReady(bridge, child, '/health/ready', childEnv))) return false;
      bridgeRunning = true;
      write(`✔ ${bridge.name} ready: ${describeUrls(bridge, childEnv)}`);
    } else if (bridge) {
      write(`Note: ${bridge.name} skipped: ${entryOf(bridge, runner)} does not exist yet`);
    }

    // 3. The APIs, side by side.
    const started: { service: ServiceDefinition; child: ManagedChild }[] = [];
    for (const service of apis) {
      if (!entryExists(service, root, runner)) {
        write(`Note: ${service.name} skipped: ${entryOf(service, runner)} does not exist yet`);
        continue;
      }
      const child = startService(service, childEnv);
      apiChildren.push(child);
      started.push({ service, child });
    }
    // Without a bridge an API can be live but never ready.
    const path = bridgeRunning ? '/health/ready' : '/health/live';
    const results = await Promise.all(
      started.map(async ({ service, child }) => {
        const ok = await awaitReady(service, child, path, childEnv);
        if (ok) {
          const note = bridgeRunning ? '' : ' (live; not ready without a bridge)';
          write(`✔ ${service.name} ready${note}: ${describeUrls(service, childEnv)}`);
        }
        return ok;
      }),
    );
    if (shutdownPromise || results.includes(false)) return false;

    if (supervisor.running.length === 0 && !ownsCassandra) {
      write('Nothing to run: no service entry exists and Cassandra is not ours to keep running.');
      await shutdown(0);
      return true;
    }
    write(`Stack is up (Cassandra ${contactPoints}). Press Ctrl-C to stop it.`);
    if (bridge && bridgeRunning) {
      // Authentication is always on: say how to get the token every data call needs.
      const authPort = portOf(bridge, 'BRIDGE_HTTP_PORT', childEnv);
      write(
        `Get a token (X-Cassandra-Token): curl -s -X POST localhost:${authPort}/v1/auth ` +
          `-H 'Content-Type: application/json' -d '{"username":"cassandra","password":"cassandra"}'`,
      );
    }
    return true;
  };
  const ready = startAll().catch(async (err: unknown) => {
    await fail([`✖ The stack could not start: ${String((err as Error)?.stack ?? err)}`]);
    return false;
  });

  return {
    ready,
    done,
    stop: () => shutdown(0),
    killAll: () => supervisor.killAll(),
  };
}
