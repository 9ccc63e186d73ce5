// Finds a JDK 17 explicitly: JAVA17_HOME, then JAVA_HOME, then the JDK folders of the usual roots.
// `java` on PATH is never trusted: a machine may default to a JDK that Cassandra 5.0 cannot run on.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type FoundJdk, JdkNotFoundError } from './errors.js';

export interface Jdk {
  home: string;
  java: string;
  version: string;
  major: number;
  /** Where it was found: "JAVA17_HOME", "JAVA_HOME" or the root folder. */
  source: string;
}

export interface FindJdkOptions {
  env?: NodeJS.ProcessEnv;
  /** Folders whose sub-folders are JDK homes; `<root>/*<suffix>` when a suffix is given (macOS). */
  jvmRoots?: readonly JvmRoot[];
  /** The major version wanted (17). */
  major?: number;
}

export interface JvmRoot {
  dir: string;
  /** Appended to each sub-folder, e.g. "Contents/Home" on macOS. */
  suffix?: string;
}

export function defaultJvmRoots(): JvmRoot[] {
  return [
    { dir: '/usr/lib/jvm' },
    { dir: '/usr/java' },
    { dir: '/opt/java' },
    { dir: '/Library/Java/JavaVirtualMachines', suffix: 'Contents/Home' },
    { dir: join(homedir(), '.sdkman', 'candidates', 'java') },
    { dir: join(homedir(), '.jdks') },
  ];
}

export function findJdk17(options: FindJdkOptions = {}): Jdk {
  const env = options.env ?? process.env;
  const wanted = options.major ?? 17;
  const roots = options.jvmRoots ?? defaultJvmRoots();
  const candidates: { home: string; source: string }[] = [];
  const searched: string[] = [];
  for (const name of ['JAVA17_HOME', 'JAVA_HOME']) {
    searched.push(name);
    const home = env[name];
    if (home) candidates.push({ home, source: name });
  }
  for (const root of roots) {
    searched.push(root.suffix ? `${root.dir}/*/${root.suffix}` : `${root.dir}/*`);
    for (const child of listDirs(root.dir)) {
      candidates.push({
        home: root.suffix ? join(root.dir, child, root.suffix) : join(root.dir, child),
        source: root.dir,
      });
    }
  }
  const found: FoundJdk[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const key = safeRealpath(candidate.home);
    if (seen.has(key)) continue;
    seen.add(key);
    const inspected = inspectJdk(candidate.home);
    if (!inspected.ok) {
      if (existsSync(candidate.home)) found.push({ home: candidate.home, version: inspected.reason });
      continue;
    }
    if (inspected.major === wanted) {
      return {
        home: candidate.home,
        java: inspected.java,
        version: inspected.version,
        major: inspected.major,
        source: candidate.source,
      };
    }
    found.push({ home: candidate.home, version: inspected.version });
  }
  throw new JdkNotFoundError(found, searched);
}

type Inspection = { ok: true; java: string; version: string; major: number } | { ok: false; reason: string };

export function inspectJdk(home: string): Inspection {
  const java = join(home, 'bin', 'java');
  try {
    accessSync(java, constants.X_OK);
  } catch {
    return { ok: false, reason: 'no bin/java' };
  }
  const version = readReleaseVersion(home) ?? readJavaVersionOutput(java);
  if (!version) return { ok: false, reason: 'version unreadable' };
  return { ok: true, java, version, major: majorOf(version) };
}

/** "17.0.15" → 17, "1.8.0_392" → 8, "25" → 25. */
export function majorOf(version: string): number {
  const parts = version.split(/[.+_-]/);
  const first = Number(parts[0]);
  if (first === 1 && parts[1] !== undefined) return Number(parts[1]);
  return first;
}

function readReleaseVersion(home: string): string | undefined {
  try {
    const text = readFileSync(join(home, 'release'), 'utf8');
    return /^JAVA_VERSION="?([^"\n]+)"?/m.exec(text)?.[1];
  } catch {
    return undefined;
  }
}

function readJavaVersionOutput(java: string): string | undefined {
  // `java -version` prints to stderr.
  const result = spawnSync(java, ['-XshowSettings:properties', '-version'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 15_000,
  });
  const out = `${result.stderr ?? ''}${result.stdout ?? ''}`;
  return /java\.version = (\S+)/.exec(out)?.[1] ?? /version "([^"]+)"/.exec(out)?.[1];
}

function listDirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() || entry.isSymbolicLink())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
