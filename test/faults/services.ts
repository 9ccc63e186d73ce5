// The gateway under test as separate processes on side ports: two bridge replicas on the 3-node
// cluster and the four APIs, compiled and started as they ship (bench/lib/stack.ts's build, ports
// and login helpers; production V8 flags), each process's output in its own log file. Any process
// can be signalled (SIGKILL, SIGTERM) and started again; stopAll() ends every process this stack
// started, each within a bounded wait.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { checkPortsFree, compiledServices, login, portsOf } from '../../bench/lib/stack.js';
import { compiledEntry, DEFAULT_LAYOUT } from '../../tools/build/build-services.js';
import { productionEnv, productionNodeArgs } from '../../tools/build/node-options.js';
import { repoRoot } from '../../tools/cassandra-local/index.js';
import { waitForHttp } from '../../tools/stack/wait-for-http.js';
import { type ApiName, now } from './load/request-record.js';

/** Ports are Stargate's defaults plus these offsets (REST on 29082, the second bridge on 29191). */
export const PORT_OFFSETS = { main: 21_000, secondBridge: 21_100, extraApi: 21_001 } as const;

/** Tokens survive the loss of a node only when their keyspace has a replica on every node. */
export const AUTH_REPLICATION = "{'class':'NetworkTopologyStrategy','datacenter1':3}";

const READY_TIMEOUT_MS = 60_000;
const READY_POLL_MS = 10;
const LOGIN_RETRY_MS = 30_000;
/** SIGTERM's grace in stopAll() before SIGKILL (the services' own shutdown deadline is 10 s). */
const STOP_GRACE_MS = 12_000;

export type ServiceId = 'bridge1' | 'bridge2' | ApiName | `${ApiName}-extra`;

export interface ServiceSpec {
  id: ServiceId;
  kind: 'bridge' | ApiName;
  env: Record<string, string>;
  ports: Record<string, number>;
  /** The HTTP port that serves /health/ready. */
  healthPort: number;
}

export class ServiceProcess {
  readonly pid: number;
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  readonly exited: Promise<void>;
  /** now() when it answered /health/ready with 200 (set by the stack once it has). */
  readyAt = 0;

  constructor(
    readonly spec: ServiceSpec,
    private readonly child: ChildProcess,
    /** now() when the process was spawned. */
    readonly spawnedAt: number,
    /** Its stdout and stderr. */
    readonly logFile: string,
  ) {
    this.pid = child.pid!;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve();
      });
    });
  }

  get alive(): boolean {
    return this.exit === undefined;
  }

  /** Milliseconds from spawn to ready. */
  get startupMs(): number {
    return Math.round(this.readyAt - this.spawnedAt);
  }

  /** Sends a signal; resolves with the time it was sent. */
  signal(name: NodeJS.Signals): number {
    const at = now();
    if (this.alive) this.child.kill(name);
    return at;
  }

  /** True when the process exited within `timeoutMs`. */
  async waitExit(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const result = await Promise.race([this.exited.then(() => true as const), timedOut]);
    clearTimeout(timer);
    return result;
  }

  /** SIGTERM, then SIGKILL after the grace. */
  async stop(graceMs = STOP_GRACE_MS): Promise<void> {
    if (!this.alive) return;
    this.signal('SIGTERM');
    if (await this.waitExit(graceMs)) return;
    this.signal('SIGKILL');
    await this.waitExit(5_000);
  }
}

function describeExit(exit: ServiceProcess['exit']): string {
  if (!exit) return 'running';
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}

export interface StackOptions {
  contactPoints: string[];
  /** Where each process's output goes (<id>.log, appended across restarts). */
  logDir: string;
  /** Give the APIs only the first bridge (BRIDGE_ADDRESS without list support). */
  oneBridgeAddress: boolean;
  logLevel: string;
  log: (line: string) => void;
}

export class FaultStack {
  private readonly processes = new Map<ServiceId, ServiceProcess>();
  /** Processes started and not yet known to have exited (also replaced ones), for stopAll(). */
  private readonly started = new Set<ServiceProcess>();
  private outDir: string | undefined;
  /** Set by stopAll(): a scenario still running after the teardown starts nothing new. */
  private closed = false;
  token = '';
  private readonly pagingSecret = randomBytes(32).toString('hex');

  constructor(private readonly options: StackOptions) {}

  bridgeSpec(id: 'bridge1' | 'bridge2'): ServiceSpec {
    const ports = portsOf('bridge', id === 'bridge1' ? PORT_OFFSETS.main : PORT_OFFSETS.secondBridge);
    return {
      id,
      kind: 'bridge',
      ports,
      healthPort: ports.BRIDGE_HTTP_PORT!,
      env: {
        CASSANDRA_CONTACT_POINTS: this.options.contactPoints.join(','),
        BRIDGE_AUTH_KEYSPACE_REPLICATION: AUTH_REPLICATION,
        // Both replicas sign paging states with one key, so a page can continue on either.
        BRIDGE_PAGING_STATE_SECRET: this.pagingSecret,
      },
    };
  }

  /** BRIDGE_ADDRESS of the APIs: both bridges, comma-separated (or only the first). */
  bridgeAddress(): string {
    const first = `127.0.0.1:${portsOf('bridge', PORT_OFFSETS.main).BRIDGE_GRPC_PORT}`;
    const second = `127.0.0.1:${portsOf('bridge', PORT_OFFSETS.secondBridge).BRIDGE_GRPC_PORT}`;
    return this.options.oneBridgeAddress ? first : `${first},${second}`;
  }

  apiSpec(api: ApiName, extra?: { env: Record<string, string> }): ServiceSpec {
    const ports = portsOf(api, extra ? PORT_OFFSETS.extraApi : PORT_OFFSETS.main);
    const healthPort = api === 'grpc' ? ports.GRPC_ADMIN_PORT! : Object.values(ports)[0]!;
    return {
      id: extra ? `${api}-extra` : api,
      kind: api,
      ports,
      healthPort,
      env: { BRIDGE_ADDRESS: this.bridgeAddress(), ...(extra?.env ?? {}) },
    };
  }

  /** Builds the services, checks the ports, starts both bridges, logs in, starts the four APIs. */
  async start(apis: readonly ApiName[]): Promise<void> {
    try {
      await checkPortsFree(['bridge', ...apis], PORT_OFFSETS.main);
      await checkPortsFree(['bridge'], PORT_OFFSETS.secondBridge);
    } catch (err) {
      throw new Error(
        `${(err as Error).message.replace(/ \(another.*$/, '')}: another fault run, or a leftover?`,
      );
    }
    this.outDir = await compiledServices(DEFAULT_LAYOUT, this.options.log);
    await Promise.all([this.launch(this.bridgeSpec('bridge1')), this.launch(this.bridgeSpec('bridge2'))]);
    this.token = await this.login();
    await Promise.all(apis.map((api) => this.launch(this.apiSpec(api))));
  }

  /**
   * A token from bridge1. Retried (bounded): on a fresh cluster both bridges create the token table
   * at once and the first login can fail while the schema settles (seen: 400 "table token does not
   * exist").
   */
  async login(): Promise<string> {
    const deadline = now() + LOGIN_RETRY_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        return await login(this.bridgeSpec('bridge1').ports.BRIDGE_HTTP_PORT!);
      } catch (err) {
        if (now() > deadline) throw err;
        this.options.log(`login attempt ${attempt} failed (${(err as Error).message}); retrying`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /** Starts a process from its spec (replacing a stopped one of the same id); resolves once ready. */
  async launch(spec: ServiceSpec): Promise<ServiceProcess> {
    if (this.closed) throw new Error(`not starting ${spec.id}: the run is stopping`);
    const previous = this.processes.get(spec.id);
    if (previous?.alive) throw new Error(`${spec.id} is still running (pid ${previous.pid})`);
    if (!this.outDir) this.outDir = await compiledServices(DEFAULT_LAYOUT, this.options.log);
    const entry = compiledEntry(spec.kind === 'bridge' ? 'bridge' : spec.kind, DEFAULT_LAYOUT, this.outDir);
    const env = {
      ...process.env,
      BIND_HOST: '127.0.0.1',
      LOG_LEVEL: this.options.logLevel,
      NODE_ENV: 'production',
      ...productionEnv(spec.kind),
      ...Object.fromEntries(Object.entries(spec.ports).map(([k, v]) => [k, String(v)])),
      ...spec.env,
    };
    mkdirSync(this.options.logDir, { recursive: true });
    const logFile = join(this.options.logDir, `${spec.id}.log`);
    const out = openSync(logFile, 'a');
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, [...productionNodeArgs(spec.kind), entry], {
        cwd: repoRoot,
        env,
        stdio: ['ignore', out, out],
      });
    } finally {
      closeSync(out);
    }
    const proc = new ServiceProcess(spec, child, now(), logFile);
    this.processes.set(spec.id, proc);
    this.started.add(proc);
    void proc.exited.then(() => this.started.delete(proc));
    const result = await waitForHttp(`http://127.0.0.1:${spec.healthPort}/health/ready`, {
      timeoutMs: READY_TIMEOUT_MS,
      intervalMs: READY_POLL_MS,
      shouldStop: () => !proc.alive,
    });
    if (result !== 'ready') {
      await proc.stop(0);
      const why =
        result === 'stopped'
          ? `exited (${describeExit(proc.exit)})`
          : `not ready after ${READY_TIMEOUT_MS / 1000} s`;
      const hint =
        spec.kind !== 'bridge' && !this.options.oneBridgeAddress
          ? ` (BRIDGE_ADDRESS=${this.bridgeAddress()}: if this branch takes one address only, use --one-bridge-address)`
          : '';
      throw new Error(`${spec.id} did not start: ${why}; see ${logFile}${hint}`);
    }
    proc.readyAt = now();
    this.options.log(`${spec.id} ready (pid ${proc.pid}) in ${proc.startupMs} ms`);
    return proc;
  }

  get(id: ServiceId): ServiceProcess {
    const proc = this.processes.get(id);
    if (!proc) throw new Error(`${id} was never started`);
    return proc;
  }

  /** Starts a stopped process again with the spec it had. */
  restart(id: ServiceId): Promise<ServiceProcess> {
    return this.launch(this.get(id).spec);
  }

  /** The running processes (name and pid), for RSS figures. */
  running(): Array<{ name: ServiceId; pid: number }> {
    return [...this.processes.values()].filter((p) => p.alive).map((p) => ({ name: p.spec.id, pid: p.pid }));
  }

  baseUrl(api: Exclude<ApiName, 'grpc'>, id: ServiceId = api): string {
    return `http://127.0.0.1:${this.get(id).spec.healthPort}`;
  }

  grpcAddress(): string {
    return `127.0.0.1:${this.get('grpc').spec.ports.GRPC_PORT}`;
  }

  bridgeHealthUrl(id: 'bridge1' | 'bridge2'): string {
    return `http://127.0.0.1:${this.bridgeSpec(id).healthPort}/health/ready`;
  }

  bridgeMetricsUrl(id: 'bridge1' | 'bridge2'): string {
    return `http://127.0.0.1:${this.bridgeSpec(id).healthPort}/metrics`;
  }

  /** Every process this stack started that is still running: SIGTERM, SIGKILL after the grace. */
  async stopAll(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.started].map((p) => p.stop()));
  }
}
