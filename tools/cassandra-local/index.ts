// Programmatic API of the local Cassandra launcher (used by `npm start`, the test suite's global
// setup and fault tests). The CLI is cli.ts.
export {
  type ClusterStatus,
  clusterStatus,
  type NodeInfo,
  type NodeStatus,
  type Provisioned,
  provisionCassandra,
  type RunningCluster,
  type StoppedNode,
  startCluster,
  startNode,
  stopCluster,
  stopNode,
} from './cluster.js';
export type { DeathCause, DeathKind, DeathPhase } from './death-cause.js';
export {
  CassandraAlreadyRunningError,
  CassandraExitedError,
  CassandraLocalError,
  CassandraStartTimeoutError,
  JdkNotFoundError,
  MavenNotFoundError,
  MavenResolveError,
  PortInUseError,
  StartAbortedError,
} from './errors.js';
export { findJdk17, type Jdk } from './find-jdk.js';
export { defaultHeapMb, HEAP_ENV } from './heap-size.js';
export { JVM17_JPMS } from './jvm-options.js';
export { deathLine, deathReport, diagnoseNodeDeath, type NodeDeath, resetCommand } from './node-death.js';
export { type NodeWatch, type WatchedNode, watchNodes } from './node-watch.js';
export {
  type ClusterOptions,
  DEFAULT_CASSANDRA_VERSION,
  defaultDataDir,
  repoRoot,
} from './options.js';
export { isProcessAlive } from './pid-file.js';
export { probeCql } from './readiness.js';
export { ResetRefusedError, type ResetResult, resetData } from './reset-data.js';
