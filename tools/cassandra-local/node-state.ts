// What a node's folder says about it, and the clean-up that keeps leftovers from blocking a
// start: a pid file whose process is gone (or is now some other program) is removed; a node that
// has been starting for longer than the ready timeout without answering CQL is stopped.

import { deathLine, diagnoseNodeDeath } from './node-death.js';
import { stopNodeProcess } from './node-process.js';
import type { NodeLayout } from './options.js';
import { contactPointOf } from './options.js';
import { isNodeProcess, isProcessAlive, readPidFile, removePidFile } from './pid-file.js';
import { authNeedsPeers, type Credentials, type ProbeResult, probeCql, waitForCql } from './readiness.js';

export interface NodeInspection {
  node: NodeLayout;
  /** The pid file's pid, if any. */
  pid: number | undefined;
  /** The pid is alive and runs this node's Cassandra. */
  processRunning: boolean;
  /** A pid file names a process that is gone or is not this node's Cassandra. */
  stalePidFile: boolean;
  cql: ProbeResult | undefined;
}

export async function inspectNode(
  node: NodeLayout,
  credentials: Credentials,
  probe: typeof probeCql = probeCql,
): Promise<NodeInspection> {
  const record = readPidFile(node);
  const pid = record?.pid;
  const processRunning = pid !== undefined && isNodeProcess(pid, node);
  const cql = processRunning ? await probe(contactPointOf(node), credentials) : undefined;
  return { node, pid, processRunning, stalePidFile: record !== undefined && !processRunning, cql };
}

export interface ReclaimOptions {
  log: (line: string) => void;
  credentials: Credentials;
  readyTimeoutMs: number;
  probe?: typeof probeCql;
  /** SIGTERM grace when a half-started node is stopped. */
  graceMs?: number;
  /** Least time a silent node gets before it is called half-started (default 30 s). */
  minWaitMs?: number;
}

export type ReclaimResult = { state: 'free' } | { state: 'running'; pid: number; releaseVersion: string };

/** Leaves the node either running and answering CQL, or with no process and no pid file. */
export async function reclaimNode(node: NodeLayout, options: ReclaimOptions): Promise<ReclaimResult> {
  const probe = options.probe ?? probeCql;
  const record = readPidFile(node);
  if (!record) return { state: 'free' };
  const { pid, writtenAt } = record;
  if (!isNodeProcess(pid, node)) {
    const why = isProcessAlive(pid) ? 'now belongs to another program' : 'is gone';
    // Nobody stopped it (a stop removes the pid file): say how its last run ended.
    options.log(`Last run: ${deathLine(diagnoseNodeDeath(node, { pid }))}`);
    options.log(`Node ${node.index}: removed stale pid file ${node.pidPath} (process ${pid} ${why})`);
    removePidFile(node);
    return { state: 'free' };
  }
  const first = await probe(contactPointOf(node), options.credentials);
  if (first.ok) return { state: 'running', pid, releaseVersion: first.releaseVersion };
  // It answers CQL; only its auth data waits for peers that are down: it runs (never stop it).
  if (authNeedsPeers(first.error)) return { state: 'running', pid, releaseVersion: 'unknown' };
  if (first.loginRejected) return loginRejected(node, pid, first.error, options);

  // Still starting, or briefly too busy to answer: give it the rest of its ready timeout, and at
  // least a short grace, before calling it half-started.
  const remaining = writtenAt + options.readyTimeoutMs - Date.now();
  const waitMs = Math.max(remaining, options.minWaitMs ?? 30_000);
  options.log(
    `Node ${node.index} (pid ${pid}) does not answer CQL yet (${first.error}); waiting up to ${Math.ceil(waitMs / 1000)} s`,
  );
  const waited = await waitForCql({
    contactPoint: contactPointOf(node),
    credentials: options.credentials,
    timeoutMs: waitMs,
    shouldStop: () => !isProcessAlive(pid),
    probe,
    intervalMs: Math.min(1_000, waitMs),
    peersMissing: true,
  });
  if (waited.ok) return { state: 'running', pid, releaseVersion: waited.releaseVersion };
  if (waited.loginRejected) return loginRejected(node, pid, waited.lastError, options);
  if (!isProcessAlive(pid)) {
    options.log(deathLine(diagnoseNodeDeath(node, { pid }), 'before answering CQL'));
    options.log(`Node ${node.index}: removed the pid file of process ${pid}`);
    removePidFile(node);
    return { state: 'free' };
  }
  options.log(
    `Node ${node.index} (pid ${pid}) is half-started (no CQL answer ${Math.round((Date.now() - writtenAt) / 1000)} s ` +
      `after its start: ${waited.lastError}); stopping it before starting again`,
  );
  await stopNodeProcess(node, pid, {
    graceMs: options.graceMs ?? 15_000,
    onKill: () => options.log(`Node ${node.index} (pid ${pid}) ignored SIGTERM; sent SIGKILL`),
  });
  return { state: 'free' };
}

/** It answers CQL, so it is up; it is never killed for refusing a password. */
function loginRejected(node: NodeLayout, pid: number, error: string, options: ReclaimOptions): ReclaimResult {
  options.log(
    `Node ${node.index} (pid ${pid}) answers CQL but rejects the login of ${options.credentials.username} ` +
      `(${error}); leaving it running`,
  );
  return { state: 'running', pid, releaseVersion: 'unknown' };
}
