// Every way the local Cassandra launcher can fail, each with a message a developer can act on.
import type { NodeDeath } from './node-death.js';

export class CassandraLocalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FoundJdk {
  home: string;
  /** e.g. "25.0.3", or a reason it could not be read ("no bin/java"). */
  version: string;
}

export class JdkNotFoundError extends CassandraLocalError {
  constructor(
    readonly found: readonly FoundJdk[],
    readonly searched: readonly string[],
  ) {
    const foundText =
      found.length === 0 ? 'no JDK at all' : found.map((jdk) => `${jdk.home} (${jdk.version})`).join(', ');
    super(
      `Cassandra 5.0 needs a JDK 17 and none was found. Found: ${foundText}. ` +
        `Searched: ${searched.join(', ')}. ` +
        'Install one (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless) or point JAVA17_HOME at it.',
    );
  }
}

export class MavenNotFoundError extends CassandraLocalError {
  constructor(readonly searched: readonly string[]) {
    super(
      'Maven (mvn) is needed once to download the Cassandra jars from Maven Central and was not found ' +
        `(looked in: ${searched.length > 0 ? searched.join(', ') : 'an empty PATH'}). ` +
        'Install it (Debian/Ubuntu: apt-get install maven) or set MAVEN_HOME.',
    );
  }
}

export class MavenResolveError extends CassandraLocalError {
  constructor(
    readonly artifact: string,
    readonly exitCode: number | null,
    readonly outputTail: string,
  ) {
    super(
      `Maven could not resolve ${artifact} (exit code ${exitCode ?? 'none'}). ` +
        `Is Maven Central reachable? Last Maven output:\n${outputTail}`,
    );
  }
}

export class PortInUseError extends CassandraLocalError {
  constructor(
    readonly address: string,
    readonly port: number,
    readonly purpose: string,
  ) {
    super(
      `${address}:${port} (${purpose}) is already in use by another process, so Cassandra cannot start there. ` +
        'Stop that process, or choose another address (--base-address) or data folder.',
    );
  }
}

/** A node died before it answered CQL; the message says why (node-death.ts) and what to do. */
export class CassandraExitedError extends CassandraLocalError {
  readonly node: number;
  readonly logPath: string;
  constructor(
    readonly death: NodeDeath,
    message: string,
    readonly logTail: string,
  ) {
    super(message);
    this.node = death.index;
    this.logPath = death.systemLogPath;
  }
}

export class CassandraStartTimeoutError extends CassandraLocalError {
  constructor(
    readonly node: number,
    readonly timeoutMs: number,
    readonly lastProbeError: string,
    readonly logPath: string,
    readonly logTail: string,
  ) {
    super(
      `Cassandra node ${node} did not answer CQL within ${Math.round(timeoutMs / 1000)} s ` +
        `(last attempt: ${lastProbeError}); it was stopped. Full log: ${logPath}\n--- last lines ---\n${logTail}`,
    );
  }
}

export class CassandraAlreadyRunningError extends CassandraLocalError {
  constructor(readonly addresses: readonly string[]) {
    super(
      `Cassandra is already running at ${addresses.join(', ')}. ` +
        'Use it as it is (reuseRunning: true), or stop it first (npm run cassandra -- stop).',
    );
  }
}

export class StartAbortedError extends CassandraLocalError {
  constructor() {
    super('Cassandra start-up was interrupted; the starting node was stopped.');
  }
}
