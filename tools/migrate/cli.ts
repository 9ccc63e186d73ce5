// npm run migrate -- stargate-docs --namespace NS [--collection C] [--dry-run] [--restart]
//                                  [--concurrency N] [--sample N]
// Copies Stargate Document API collections (shredded tables) into this project's layout; without
// --collection, every Stargate collection of the namespace, one after the other. Connects with the
// bridge's CASSANDRA_* variables. Exit 0 when every collection is migrated (or the dry run found
// nothing wrong), 1 on a failure, 2 on bad usage, 130 when interrupted (Ctrl-C: the documents in
// flight finish and the progress is recorded; run the same command again to resume).
import { parseArgs } from 'node:util';
import { ConfigError } from '../../services/common/src/config/load-config.js';
import { migrateCommand } from '../../services/docs/src/storage/stargate-collection.js';
import { createMigrationClient, loadConnectionSettings } from './cassandra-connection.js';
import { type MigrationReport, migrateCollection } from './migrate-collection.js';
import { progressLine, summary } from './progress-line.js';
import { listShreddedTables } from './shredded-reader.js';
import { MigrationError } from './target-collection.js';

const USAGE =
  'usage: npm run migrate -- stargate-docs --namespace NS [--collection C] [--dry-run] [--restart] ' +
  '[--concurrency N (default 8, at most 64)] [--sample N (documents compared at the end, default 100)]';
const NAME = /^\w+$/;

const OPTIONS = {
  namespace: { type: 'string' },
  collection: { type: 'string' },
  'dry-run': { type: 'boolean' },
  restart: { type: 'boolean' },
  concurrency: { type: 'string' },
  sample: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>
  >;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const namespace = values.namespace;
  if (positionals[0] !== 'stargate-docs' || positionals.length !== 1 || !namespace) {
    console.error(USAGE);
    return 2;
  }
  for (const [flag, name] of [
    ['--namespace', namespace],
    ['--collection', values.collection],
  ] as const) {
    if (name !== undefined && !NAME.test(name)) {
      console.error(`${flag} ${name}: only letters, digits and underscores\n${USAGE}`);
      return 2;
    }
  }
  const concurrency = toInt(values.concurrency ?? '8', '--concurrency', 64);
  const sampleSize = toInt(values.sample ?? '100', '--sample', 100_000);
  if (concurrency === undefined || sampleSize === undefined) return 2;

  const client = createMigrationClient(loadConnectionSettings());
  const abort = new AbortController();
  const onSignal = (): void => {
    if (abort.signal.aborted) process.exit(130);
    process.stderr.write(
      '\nInterrupted: finishing the documents in flight and recording progress (Ctrl-C again to leave at once)\n',
    );
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await client.connect();
    const keyspace = await client.execute(
      'SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?',
      [namespace],
    );
    if (keyspace.rows.length === 0)
      throw new MigrationError(`the namespace (keyspace) ${namespace} does not exist`);
    const collections = values.collection ? [values.collection] : await listShreddedTables(client, namespace);
    if (collections.length === 0) {
      console.log(`${namespace}: no Stargate collections (shredded tables) to migrate`);
      return 0;
    }
    let exitCode = 0;
    for (const collection of collections) {
      if (abort.signal.aborted) break;
      const progress = new ProgressPrinter();
      let report: MigrationReport;
      try {
        report = await migrateCollection(client, {
          namespace,
          collection,
          concurrency,
          sampleSize,
          dryRun: values['dry-run'],
          restart: values.restart,
          signal: abort.signal,
          onProgress: (p) => progress.show(progressLine(p)),
        });
      } finally {
        progress.end();
      }
      const out = summary(report, migrateCommand(namespace, collection));
      console.log(out.text);
      if (out.exitCode !== 0 && exitCode !== 130) exitCode = out.exitCode;
    }
    return abort.signal.aborted ? 130 : exitCode;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await client.shutdown();
  }
}

/** The progress line on stderr: rewritten in place on a terminal, a line every 5 s otherwise. */
class ProgressPrinter {
  private readonly tty = process.stderr.isTTY === true;
  private shownAt = 0;
  private last = '';

  show(line: string): void {
    this.last = line;
    const now = Date.now();
    if (now - this.shownAt < (this.tty ? 250 : 5000)) return;
    this.shownAt = now;
    process.stderr.write(this.tty ? `\r\x1b[2K${line}` : `${line}\n`);
  }

  end(): void {
    if (this.last) process.stderr.write(this.tty ? `\r\x1b[2K${this.last}\n` : `${this.last}\n`);
  }
}

function toInt(text: string, flag: string, max: number): number | undefined {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`${flag} needs a whole number from 1 to ${max}, not ${text}\n${USAGE}`);
    return undefined;
  }
  return value;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof MigrationError || err instanceof ConfigError) console.error(err.message);
    else console.error(err);
    process.exitCode = 1;
  },
);
