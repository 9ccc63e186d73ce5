// npm run cassandra -- start|stop|status|reset|provision [--nodes N] [--data-dir D]
//                          [--base-address A] [--heap-mb M] [--timeout SECONDS]
// start: exit 0 once every node answers CQL (or was already running); Cassandra keeps running.
// status: exit 0 when every node is up, 3 otherwise; a node that died is shown with its cause.
// reset: deletes the data folder's Cassandra data (refused while a node of it runs).
// start --tls-keystore FILE --tls-keystore-password PW [--tls-truststore FILE --tls-truststore-password PW]
//       [--tls-require-client-auth --tls-client-cert PEM --tls-client-key PEM]: TLS required on CQL.
// Errors: one clear message, exit 1.
import { parseArgs } from 'node:util';
import { clusterStatus, provisionCassandra, startCluster, stopCluster } from './cluster.js';
import { CassandraLocalError, StartAbortedError } from './errors.js';
import { deathReport } from './node-death.js';
import type { ClusterOptions } from './options.js';
import { formatBytes, resetData } from './reset-data.js';

const USAGE =
  'usage: npm run cassandra -- start|stop|status|reset|provision ' +
  '[--nodes N] [--data-dir DIR] [--base-address 127.0.0.1] [--heap-mb MB] [--timeout SECONDS] ' +
  '[--tls-keystore JKS --tls-keystore-password PW [--tls-truststore JKS --tls-truststore-password PW] ' +
  '[--tls-require-client-auth --tls-client-cert PEM --tls-client-key PEM]]';

export async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      nodes: { type: 'string' },
      'data-dir': { type: 'string' },
      'base-address': { type: 'string' },
      'heap-mb': { type: 'string' },
      timeout: { type: 'string' },
      'tls-keystore': { type: 'string' },
      'tls-keystore-password': { type: 'string' },
      'tls-truststore': { type: 'string' },
      'tls-truststore-password': { type: 'string' },
      'tls-require-client-auth': { type: 'boolean' },
      'tls-client-cert': { type: 'string' },
      'tls-client-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command || positionals.length > 1) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const options: ClusterOptions = {};
  if (values.nodes !== undefined) options.nodes = toInt(values.nodes, '--nodes');
  if (values['data-dir'] !== undefined) options.dataDir = values['data-dir'];
  if (values['base-address'] !== undefined) options.baseAddress = values['base-address'];
  if (values['heap-mb'] !== undefined) options.heapMb = toInt(values['heap-mb'], '--heap-mb');
  if (values.timeout !== undefined) options.readyTimeoutMs = toInt(values.timeout, '--timeout') * 1000;
  const keystore = values['tls-keystore'];
  if (keystore !== undefined) {
    options.clientEncryption = {
      keystore,
      keystorePassword: values['tls-keystore-password'] ?? '',
      ...(values['tls-truststore'] !== undefined
        ? {
            truststore: values['tls-truststore'],
            truststorePassword: values['tls-truststore-password'] ?? '',
          }
        : {}),
      requireClientAuth: values['tls-require-client-auth'] === true,
      ...(values['tls-client-cert'] !== undefined ? { clientCertFile: values['tls-client-cert'] } : {}),
      ...(values['tls-client-key'] !== undefined ? { clientKeyFile: values['tls-client-key'] } : {}),
    };
  } else if (Object.keys(values).some((name) => name.startsWith('tls-'))) {
    throw new CassandraLocalError('the --tls-* options need --tls-keystore');
  }

  switch (command) {
    case 'start':
      return start(options);
    case 'stop':
      return stop(options);
    case 'status':
      return status(options);
    case 'reset':
      return reset(options);
    case 'provision':
      return provision(options);
    default:
      console.error(`unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

async function start(options: ClusterOptions): Promise<number> {
  const abort = new AbortController();
  const onSignal = (): void => {
    if (abort.signal.aborted) process.exit(130);
    console.log('Interrupted: stopping the node that is starting (Ctrl-C again to leave it)');
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const cluster = await startCluster({ ...options, reuseRunning: true, signal: abort.signal });
    const where = cluster.nodes.map((n) => `${n.contactPoint} (pid ${n.pid})`).join(', ');
    if (cluster.alreadyRunning) console.log(`Cassandra is already running at ${where}`);
    const tls = options.clientEncryption ? ', TLS required' : '';
    console.log(`CQL contact points: ${cluster.contactPoints.join(',')} (user cassandra/cassandra${tls})`);
    return 0;
  } catch (err) {
    if (err instanceof StartAbortedError) {
      console.error(err.message);
      return 130;
    }
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function stop(options: ClusterOptions): Promise<number> {
  const stopped = await stopCluster(options);
  if (!stopped.some((n) => n.outcome === 'terminated' || n.outcome === 'killed')) {
    console.log('Cassandra was not running');
  }
  return 0;
}

async function status(options: ClusterOptions): Promise<number> {
  const report = await clusterStatus(options);
  console.log(`Cassandra (data: ${report.dataDir})`);
  for (const node of report.nodes) {
    const pid = node.pid === undefined ? 'no pid' : `pid ${node.pid}`;
    const state =
      node.state === 'up'
        ? `up, CQL answers (Cassandra ${node.releaseVersion})`
        : node.state === 'not-answering'
          ? `process running, CQL does not answer (${node.cqlError}); log: ${node.systemLog}`
          : node.state === 'stale-pid-file'
            ? 'died (nobody stopped it)'
            : 'stopped';
    console.log(`  node${node.index}  ${node.contactPoint}  ${pid}  ${state}`);
    for (const line of node.death ? deathReport(node.death) : []) console.log(`    ${line}`);
  }
  return report.allUp ? 0 : 3;
}

async function reset(options: ClusterOptions): Promise<number> {
  const log = (line: string): void => console.log(line);
  const { dataDir, deleted } = await resetData({ ...options, log });
  if (deleted.length === 0) {
    console.log(`Nothing to reset in ${dataDir}: no node data there`);
    return 0;
  }
  const total = deleted.reduce((sum, entry) => sum + entry.bytes, 0);
  console.log(
    `Reset ${dataDir}: deleted ${deleted.length} entries (${formatBytes(total)}). Kept each node's logs/ ` +
      '(how it ended), conf/ and node.json, and the jar list. The next start makes a fresh, empty node ' +
      '(login cassandra/cassandra).',
  );
  return 0;
}

async function provision(options: ClusterOptions): Promise<number> {
  const { jdk, classpath } = await provisionCassandra(options);
  console.log(`JDK ${jdk.version}: ${jdk.home} (found via ${jdk.source})`);
  console.log(`Cassandra classpath: ${classpath.jars.length} jars, cached in ${classpath.cacheFile}`);
  return 0;
}

function toInt(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0)
    throw new CassandraLocalError(`${flag} needs a positive integer`);
  return value;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof CassandraLocalError || err instanceof RangeError || err instanceof TypeError) {
      console.error(err.message);
    } else {
      console.error(err);
    }
    process.exitCode = 1;
  },
);
