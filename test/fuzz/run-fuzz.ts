// `npm run test:fuzz`: schemathesis (from PyPI, in a virtual environment under .local/) against a
// stack this script starts on side ports: the REST and Docs OpenAPI documents with every check, the
// typed documents of a REST keyspace (every CQL type, counters) and of a Docs namespace (a collection
// with a JSON schema) with every check, and the GraphQL endpoint of that keyspace for server errors. Exits non-zero on any
// failure; stops everything it started (the stack, and Cassandra if it started it) however it ends.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '../../tools/cassandra-local/index.js';
import { runStack, type Stack } from '../../tools/stack/run-stack.js';
import {
  ALL_TYPES_KEYSPACE,
  createAllTypesKeyspace,
  createFuzzNamespace,
  dropAllTypesKeyspace,
  dropFuzzNamespace,
  FUZZ_NAMESPACE,
} from './fuzz-keyspace.js';
import {
  disabledChecks,
  GRAPHQL_CHECK,
  KEEP_COLLECTIONS,
  schemathesisConfig,
} from './schemathesis-config.js';

const SCHEMATHESIS_VERSION = '4.32.5';
/** CI's seed and depth; FUZZ_SEED and FUZZ_EXAMPLES change them for a deeper or different local run. */
const SEED = positiveInteger('FUZZ_SEED', 20_260_116);
const EXAMPLES_PER_OPERATION = positiveInteger('FUZZ_EXAMPLES', 25);
/**
 * Well away from Stargate's ports (npm start) and the benchmarks' offsets; FUZZ_PORT_SHIFT moves
 * them all (e.g. 1000: 29081…), so two runs on one machine do not meet.
 */
const SHIFT = Number(process.env.FUZZ_PORT_SHIFT ?? 0);
const PORTS = {
  bridgeHttp: 28081 + SHIFT,
  bridgeGrpc: 28091 + SHIFT,
  rest: 28082 + SHIFT,
  docs: 28180 + SHIFT,
  graphql: 28080 + SHIFT,
};
/** FUZZ_TARGETS=docs (comma-separated names) runs only those, e.g. while changing one API. */
const ONLY = process.env.FUZZ_TARGETS?.split(',').map((name) => name.trim());
const selected = (name: string) => !ONLY || ONLY.includes(name);
/** The keyspace of every CQL type serves the REST, typed REST and GraphQL targets. */
const needsAllTypes = selected('rest') || selected('rest-keyspace') || selected('graphql');
/** The namespace of typed collections serves the typed Docs target. */
const needsNamespace = selected('docs-namespace');
const STEP_LIMIT_MS = 10 * 60_000;

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    process.stderr.write(`[fuzz] ${name} must be a positive integer, not ${JSON.stringify(raw)}\n`);
    process.exit(2);
  }
  return value;
}

const workDir = join(repoRoot, '.local', 'fuzz');
const venv = join(repoRoot, '.local', 'fuzz-venv');
const log = (line: string) => process.stdout.write(`[fuzz] ${line}\n`);

/**
 * With a prefix, every line the command prints is passed on behind it: schemathesis closes its
 * report with pytest's own framing ("==== 2 warnings in 47.97s ===="), which CI would read as a
 * test runner's closing line that counted no test.
 */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  prefix?: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: prefix ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env,
      cwd: workDir,
    });
    const closed: Promise<void>[] = [];
    if (prefix && child.stdout && child.stderr) {
      for (const [stream, sink] of [
        [child.stdout, process.stdout],
        [child.stderr, process.stderr],
      ] as const) {
        const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
        lines.on('line', (line) => sink.write(`${prefix} ${line}\n`));
        closed.push(new Promise((done) => lines.once('close', () => done())));
      }
    }
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      void Promise.all(closed).then(() => resolve(code ?? (signal ? 1 : 0)));
    });
  });
}

async function installSchemathesis(): Promise<string> {
  const bin = join(venv, 'bin', 'schemathesis');
  if (!existsSync(join(venv, 'bin', 'python'))) {
    log(`creating ${venv}`);
    if ((await run('python3', ['-m', 'venv', venv])) !== 0) throw new Error('python3 -m venv failed');
  }
  const pip = join(venv, 'bin', 'pip');
  const args = ['install', '-q', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`];
  if ((await run(pip, args)) !== 0)
    throw new Error(`pip install schemathesis==${SCHEMATHESIS_VERSION} failed`);
  return bin;
}

async function login(): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${PORTS.bridgeHttp}/v1/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'cassandra', password: 'cassandra' }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await res.text();
  if (res.status !== 201) throw new Error(`POST /v1/auth: ${res.status} ${body.slice(0, 200)}`);
  return (JSON.parse(body) as { authToken: string }).authToken;
}

interface Target {
  name: string;
  location: string;
  /** OpenAPI: every check; GraphQL: only server errors (the issue's bar for GraphQL). */
  checks: string;
  /** A Python module of custom checks under test/fuzz (SCHEMATHESIS_HOOKS). */
  hooks?: string;
  /** Further options for this target (operations left out, checks switched off), each with its reason in schemathesis-config.ts. */
  options?: string[];
}

async function fuzz(bin: string, token: string, target: Target): Promise<number> {
  log(`schemathesis ${target.name}: ${target.location}`);
  const configFile = join(workDir, 'schemathesis.toml');
  return run(
    bin,
    [
      '--config-file',
      configFile,
      'run',
      target.location,
      '--checks',
      target.checks,
      ...(target.checks === 'all' ? ['--exclude-checks', disabledChecks(target.name).join(',')] : []),
      ...(target.options ?? []),
      '--seed',
      String(SEED),
      '--max-examples',
      String(EXAMPLES_PER_OPERATION),
      // One worker: the machine has 2 cores, and CPython 3.11 has failed compiling regexes in threads.
      '--workers',
      '1',
      '--no-color',
      '--header',
      `X-Cassandra-Token: ${token}`,
      '--report',
      'junit',
      '--report-dir',
      join(workDir, `report-${target.name}`),
    ],
    {
      ...process.env,
      NO_COLOR: '1',
      ...(target.hooks
        ? { SCHEMATHESIS_HOOKS: target.hooks, PYTHONPATH: join(repoRoot, 'test', 'fuzz') }
        : {}),
    },
    `[schemathesis ${target.name}]`,
  );
}

async function main(): Promise<number> {
  mkdirSync(workDir, { recursive: true });
  writeFileSync(join(workDir, 'schemathesis.toml'), schemathesisConfig());
  const bin = await installSchemathesis();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    APIS: 'rest,docs,graphql',
    LOG_LEVEL: 'warn',
    BRIDGE_HTTP_PORT: String(PORTS.bridgeHttp),
    BRIDGE_GRPC_PORT: String(PORTS.bridgeGrpc),
    REST_PORT: String(PORTS.rest),
    DOCS_PORT: String(PORTS.docs),
    GRAPHQL_PORT: String(PORTS.graphql),
  };
  const stack: Stack = runStack({ runner: 'tsx', env, write: log, writeError: log });
  const stopStack = () => void stack.stop();
  process.once('SIGINT', stopStack);
  process.once('SIGTERM', stopStack);
  const deadline = setTimeout(() => {
    log(`the step ran over ${STEP_LIMIT_MS / 60_000} minutes: stopping`);
    stopStack();
  }, STEP_LIMIT_MS);
  let failures = 0;
  try {
    if (!(await stack.ready)) return 1;
    const token = await login();
    if (needsAllTypes) await createAllTypesKeyspace(PORTS.rest, token);
    if (needsNamespace) await createFuzzNamespace(PORTS.docs, token);
    const targets: Target[] = [
      { name: 'rest', location: `http://127.0.0.1:${PORTS.rest}/api/rest/openapi.json`, checks: 'all' },
      { name: 'docs', location: `http://127.0.0.1:${PORTS.docs}/api/docs/openapi.json`, checks: 'all' },
      {
        name: 'rest-keyspace',
        location: `http://127.0.0.1:${PORTS.rest}/v2/keyspaces/${ALL_TYPES_KEYSPACE}/openapi.json`,
        checks: 'all',
      },
      {
        name: 'docs-namespace',
        location: `http://127.0.0.1:${PORTS.docs}/v2/namespaces/${FUZZ_NAMESPACE}/openapi.json`,
        checks: 'all',
        options: KEEP_COLLECTIONS,
      },
      {
        name: 'graphql',
        location: `http://127.0.0.1:${PORTS.graphql}/graphql/${ALL_TYPES_KEYSPACE}`,
        checks: GRAPHQL_CHECK[0],
        hooks: GRAPHQL_CHECK[0],
      },
    ];
    for (const target of targets.filter((t) => selected(t.name))) {
      const status = await fuzz(bin, token, target);
      log(`schemathesis ${target.name}: ${status === 0 ? 'passed' : `FAILED (exit ${status})`}`);
      if (status !== 0) failures += 1;
    }
    if (needsAllTypes) {
      await dropAllTypesKeyspace(PORTS.rest, token).catch((err: Error) =>
        log(`could not drop: ${err.message}`),
      );
    }
    if (needsNamespace) {
      await dropFuzzNamespace(PORTS.docs, token).catch((err: Error) => log(`could not drop: ${err.message}`));
    }
  } finally {
    clearTimeout(deadline);
    const code = await stack.stop();
    if (code !== 0) failures += 1;
  }
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`[fuzz] ${String((err as Error)?.stack ?? err)}\n`);
    process.exit(1);
  },
);
