// "Ready" means a CQL login succeeds and system.local answers, not merely that a port is open.
import type { ConnectionOptions } from 'node:tls';
import cassandra from 'cassandra-driver';

/** How the launcher logs in to a node: a role, and TLS options when the node requires TLS. */
export interface Credentials {
  username: string;
  password: string;
  tls?: ConnectionOptions;
}

export type ProbeResult =
  | { ok: true; releaseVersion: string }
  /** `loginRejected`: the node answers CQL but refuses these credentials. */
  | { ok: false; error: string; loginRejected?: boolean };

/** One login + `SELECT release_version FROM system.local` against exactly this node. */
export async function probeCql(
  contactPoint: string,
  credentials: Credentials,
  timeoutMs = 5_000,
): Promise<ProbeResult> {
  const client = new cassandra.Client({
    contactPoints: [contactPoint],
    localDataCenter: 'datacenter1',
    credentials: { username: credentials.username, password: credentials.password },
    ...(credentials.tls ? { sslOptions: credentials.tls } : {}),
    isMetadataSyncEnabled: false,
    pooling: { warmup: false },
    socketOptions: { connectTimeout: timeoutMs, readTimeout: timeoutMs },
    policies: {
      loadBalancing: new cassandra.policies.loadBalancing.AllowListPolicy(
        new cassandra.policies.loadBalancing.RoundRobinPolicy(),
        [contactPoint],
      ),
      reconnection: new cassandra.policies.reconnection.ConstantReconnectionPolicy(60_000),
    },
  });
  try {
    await client.connect();
    const rs = await client.execute('SELECT release_version FROM system.local');
    return { ok: true, releaseVersion: String(rs.first()?.get('release_version') ?? '?') };
  } catch (err) {
    return { ok: false, error: describeDriverError(err), loginRejected: isLoginRejected(err) };
  } finally {
    await client.shutdown().catch(() => undefined);
  }
}

export interface WaitForCqlOptions {
  contactPoint: string;
  credentials: Credentials;
  timeoutMs: number;
  /** Stop waiting as soon as this says so (the process exited, the start was aborted). */
  shouldStop?: () => boolean;
  /**
   * Count the node as up when it answers CQL but cannot read its auth data at quorum because
   * other nodes of the cluster are not running yet (a cold start of a cluster whose system_auth
   * has 3 replicas: no node can log anyone in until a quorum of them runs).
   */
  peersMissing?: boolean;
  intervalMs?: number;
  probe?: typeof probeCql;
}

export type WaitResult =
  | { ok: true; releaseVersion: string; waitingForPeers?: boolean }
  | { ok: false; reason: 'timeout' | 'stopped'; lastError: string; loginRejected: boolean };

// What a node answers a login with while too few replicas of system_auth run.
const AUTH_NEEDS_PEERS = /Cannot achieve consistency level|Operation timed out - received only/;

/** The node answers CQL but cannot log anyone in until more of its peers run. */
export function authNeedsPeers(error: string): boolean {
  return AUTH_NEEDS_PEERS.test(error);
}

export async function waitForCql(options: WaitForCqlOptions): Promise<WaitResult> {
  const probe = options.probe ?? probeCql;
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 1_000;
  let lastError = 'no attempt yet';
  let loginRejected = false;
  const stopped = (reason: 'timeout' | 'stopped'): WaitResult => ({
    ok: false,
    reason,
    lastError,
    loginRejected,
  });
  while (true) {
    if (options.shouldStop?.()) return stopped('stopped');
    const remaining = deadline - Date.now();
    if (remaining <= 0) return stopped('timeout');
    const result = await probe(options.contactPoint, options.credentials, Math.min(5_000, remaining));
    if (result.ok) return result;
    if (options.peersMissing && authNeedsPeers(result.error)) {
      return { ok: true, releaseVersion: 'unknown until its peers run', waitingForPeers: true };
    }
    lastError = result.error;
    loginRejected = result.loginRejected === true;
    if (options.shouldStop?.()) return stopped('stopped');
    await sleep(Math.min(interval, Math.max(0, deadline - Date.now())));
  }
}

function innerErrors(err: unknown): unknown[] {
  if (err && typeof err === 'object' && 'innerErrors' in err) {
    return Object.values((err as { innerErrors: Record<string, unknown> }).innerErrors ?? {});
  }
  return [];
}

function isLoginRejected(err: unknown): boolean {
  return [err, ...innerErrors(err)].some((e) => e instanceof cassandra.errors.AuthenticationError);
}

function describeDriverError(err: unknown): string {
  if (err && typeof err === 'object' && 'innerErrors' in err) {
    const inner = Object.values((err as { innerErrors: Record<string, unknown> }).innerErrors ?? {});
    const first = inner[0];
    if (first instanceof Error) return first.message;
  }
  return err instanceof Error ? err.message : String(err);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
