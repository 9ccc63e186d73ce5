// `npm run migrate -- stargate-docs`: collections written with Stargate's own statements (1,000
// documents of every shape) are answered 409 by the Document API until migrated; a dry run writes
// nothing; a run stopped part-way resumes from the progress kept in Cassandra and ends with every
// document exactly once; the Document API then answers each document as Stargate did. The CLI
// migrates a second collection with its JSON schema.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMigrationClient,
  loadConnectionSettings,
} from '../../../tools/migrate/cassandra-connection.js';
import { type MigrationProgress, migrateCollection } from '../../../tools/migrate/migrate-collection.js';
import { cassandraContactPoints, createCassandraClient } from '../../support/cassandra-client.js';
import { type DocsApiHarness, startDocsApi } from '../docs/docs-api-harness.js';
import { type SampleDocument, sampleDocuments } from './support/sample-documents.js';
import {
  createStargateCollection,
  writeStargateDocument,
  writeStargateRowsAt,
} from './support/stargate-writer.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

let api: DocsApiHarness;
let cql: cassandra.Client;
let migration: cassandra.Client;
const books = sampleDocuments(1000, 20);
const films = sampleDocuments(120, 7);
const filmsSchema = { type: ['object', 'array'] };

async function writeCollection(table: string, docs: SampleDocument[]): Promise<void> {
  let next = 0;
  const base = BigInt(Date.now()) * 1000n;
  const worker = async () => {
    for (let i = next++; i < docs.length; i = next++) {
      const d = docs[i]!;
      const ks = api.namespace;
      await writeStargateDocument(cql, ks, table, d.id, d.input, { ttl: d.ttl, timestamp: base });
      if (d.patch) {
        await writeStargateRowsAt(cql, ks, table, d.id, [d.patch.key], d.patch.value, {
          timestamp: base + 1000n,
          deleteFirst: true,
        });
      }
      if (d.overwrite) {
        await writeStargateRowsAt(cql, ks, table, d.id, [d.overwrite.key], d.overwrite.value, {
          timestamp: base + 1000n,
          deleteFirst: false,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

async function tableNames(): Promise<string[]> {
  const result = await cql.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [
    api.namespace,
  ]);
  return result.rows.map((r) => r.get('table_name') as string).sort();
}

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'tools/migrate/cli.ts', ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, CASSANDRA_CONTACT_POINTS: cassandraContactPoints().join(',') },
        timeout: 120_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const command = (collection: string) =>
  `npm run migrate -- stargate-docs --namespace ${api.namespace} --collection ${collection}`;

beforeAll(async () => {
  api = await startDocsApi('migrate');
  cql = createCassandraClient();
  await cql.connect();
  migration = createMigrationClient(
    loadConnectionSettings({ CASSANDRA_CONTACT_POINTS: cassandraContactPoints().join(',') }),
  );
  await createStargateCollection(cql, api.namespace, 'books');
  await createStargateCollection(cql, api.namespace, 'films', filmsSchema);
  await writeCollection('books', books);
  await writeCollection('films', films);
});
afterAll(async () => {
  await api?.close();
  await cql?.shutdown();
  await migration?.shutdown();
});

describe('a Stargate collection before migration', () => {
  it('answers 409 naming the command, on reads, writes and deletes', async () => {
    const id = books[1]!.id;
    for (const [method, path, body] of [
      ['GET', api.collectionPath('books', `/${id}`), undefined],
      ['GET', api.collectionPath('books'), undefined],
      ['PUT', api.collectionPath('books', `/${id}`), { a: 1 }],
      ['POST', api.collectionPath('books'), { a: 1 }],
      ['DELETE', api.collectionPath('books'), undefined],
    ] as const) {
      const res = await api.call(method, path, { body });
      expect(res.status, `${method} ${path}`).toBe(409);
      expect(res.body).toEqual({
        code: 409,
        description: `The collection books is stored in Stargate's document layout and is not migrated yet. Migrate it with: ${command('books')}`,
      });
    }
    const listed = await api.call('GET', `/v2/namespaces/${api.namespace}/collections`);
    expect(listed.body.data).toEqual([]);
  });

  it('a dry run reads and rebuilds every document and writes nothing', async () => {
    const report = await migrateCollection(migration, {
      namespace: api.namespace,
      collection: 'books',
      concurrency: 4,
      dryRun: true,
    });
    expect(report).toMatchObject({ status: 'dry-run', documentsThisRun: 1000, failures: [] });
    expect(report.rowsRead).toBeGreaterThan(30_000);
    expect(await tableNames()).toEqual(['books', 'films']);
    expect((await api.call('GET', api.collectionPath('books', `/${books[1]!.id}`))).status).toBe(409);
  });
});

describe('migrating', () => {
  let firstRun: Awaited<ReturnType<typeof migrateCollection>>;

  it('stops part-way when asked, keeping its progress; the collection is still 409', async () => {
    const abort = new AbortController();
    firstRun = await migrateCollection(migration, {
      namespace: api.namespace,
      collection: 'books',
      concurrency: 8,
      signal: abort.signal,
      onProgress: (p: MigrationProgress) => {
        if (p.documentsThisRun >= 300) abort.abort();
      },
    });
    expect(firstRun.status).toBe('interrupted');
    expect(firstRun.documentsThisRun).toBeGreaterThanOrEqual(300);
    expect(firstRun.documentsThisRun).toBeLessThan(1000);
    const res = await api.call('GET', api.collectionPath('books', `/${books[1]!.id}`));
    expect(res.status).toBe(409);
    expect(res.body.description).toContain('not migrated yet (a migration has started and not completed)');
    const recorded = await cql.execute(
      `SELECT sum(documents) AS documents FROM ${api.namespace}.stargate_docs_migration WHERE collection = 'books'`,
    );
    expect(Number(String(recorded.rows[0]!.get('documents')))).toBe(firstRun.documentsThisRun);
  });

  it('resumes where it stopped and ends verified, each document written once', async () => {
    const lines: string[] = [];
    const report = await migrateCollection(migration, {
      namespace: api.namespace,
      collection: 'books',
      concurrency: 8,
      onProgress: (p) => lines.push(`${p.documents}`),
    });
    expect(report.status).toBe('complete');
    expect(report.documentsBefore).toBe(firstRun.documentsThisRun);
    expect(report.documentsBefore + report.documentsThisRun).toBe(1000);
    expect(report.verification).toEqual({
      sourceDocuments: 1000,
      targetDocuments: 1000,
      sampled: 100,
      mismatched: [],
      ok: true,
    });
    expect(lines.at(-1)).toBe('1000');
  });

  it('the Document API answers every document as Stargate did', async () => {
    for (const doc of books) {
      const res = await api.call('GET', api.collectionPath('books', `/${doc.id}`));
      expect(res.status, doc.id).toBe(200);
      expect(res.body, doc.id).toEqual({ documentId: doc.id, data: doc.expected });
    }
    const listed = await api.call('GET', `/v2/namespaces/${api.namespace}/collections`, {
      query: { raw: 'true' },
    });
    expect(listed.body).toEqual([{ name: 'books', upgradeAvailable: false }]);
  });

  it('keeps TTLs, and the migrated collection is searchable and writable', async () => {
    const withTtl = books.filter((d) => d.ttl);
    for (const doc of withTtl) {
      const ttl = await cql.execute(
        `SELECT TTL(doc) AS ttl FROM ${api.namespace}.books__migrated WHERE key = ? LIMIT 1`,
        [doc.id],
      );
      expect(ttl.rows[0]!.get('ttl')).toBeGreaterThan(86_000);
    }
    const born = 1950;
    const expectedIds = books
      .filter((d) => (d.expected as { author?: { born?: number } }).author?.born === born)
      .map((d) => d.id)
      .sort();
    expect(expectedIds.length).toBeGreaterThan(3);
    const found = await api.call('GET', api.collectionPath('books'), {
      query: { where: JSON.stringify({ 'author.born': { $eq: born } }), 'page-size': '20' },
    });
    expect(found.status).toBe(200);
    expect(Object.keys(found.body.data).sort()).toEqual(expectedIds);

    const put = await api.call('PUT', api.collectionPath('books', '/after-migration'), {
      body: { ok: true },
    });
    expect(put.status).toBe(200);
    expect((await api.call('GET', api.collectionPath('books', '/after-migration'))).body.data).toEqual({
      ok: true,
    });
    // Stargate's table is left as it was.
    const source = await cql.execute(`SELECT key FROM ${api.namespace}.books WHERE key = 'after-migration'`);
    expect(source.rows).toHaveLength(0);
  });
});

describe('the CLI', () => {
  it('a dry run with --collection prints what it read and writes nothing', async () => {
    const run = await runCli([
      'stargate-docs',
      '--namespace',
      api.namespace,
      '--collection',
      'films',
      '--dry-run',
    ]);
    expect(run.stderr).toContain('films: 120 documents checked · segments 64/64 (100 %)');
    expect(run.stdout).toMatch(
      /^films: dry run: 120 documents \([\d,]+ rows\) read and rebuilt in [\d.]+ s; nothing was written\.$/m,
    );
    expect(run.code).toBe(0);
    expect(await tableNames()).not.toContain('films__migrated');
  });

  it('without --collection migrates every Stargate collection of the namespace', async () => {
    const run = await runCli([
      'stargate-docs',
      '--namespace',
      api.namespace,
      '--concurrency',
      '4',
      '--sample',
      '500',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /films: 120 documents written · segments 64\/64 \(100 %\) · [\d,]+ documents\/s/,
    );
    expect(run.stdout).toMatch(
      new RegExp(
        `^films: migrated 120 documents into ${api.namespace}\\.films__migrated in [\\d.]+ s; copying took [\\d.]+ s \\([\\d,]+ documents/s\\), the check [\\d.]+ s\\.$`,
        'm',
      ),
    );
    expect(run.stdout).toContain('  check: 120 documents in both tables, 120 of them equal.');
    expect(run.stdout).toMatch(
      new RegExp(
        `^books: already migrated into ${api.namespace}\\.books__migrated \\(\\d{4}-[^)]+Z\\); nothing to do \\(--restart copies it again\\)\\.$`,
        'm',
      ),
    );
  });

  it('carried the JSON schema over, and serves every document', async () => {
    const schema = await api.call('GET', api.collectionPath('films', '/json-schema'));
    expect(schema.body).toEqual({ schema: filmsSchema });
    for (const doc of films) {
      const res = await api.call('GET', api.collectionPath('films', `/${doc.id}`));
      expect(res.body, doc.id).toEqual({ documentId: doc.id, data: doc.expected });
    }
  });

  it('refuses bad usage with exit code 2', async () => {
    const run = await runCli(['stargate-docs', '--collection', 'films']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: npm run migrate -- stargate-docs --namespace NS');
  });
});

describe('after migration', () => {
  it('--restart empties the migrated table and copies every document again', async () => {
    await api.call('PUT', api.collectionPath('films', '/written-here'), { body: { here: true } });
    const report = await migrateCollection(migration, {
      namespace: api.namespace,
      collection: 'films',
      concurrency: 8,
      restart: true,
      sampleSize: 500,
    });
    expect(report).toMatchObject({ status: 'complete', documentsBefore: 0, documentsThisRun: 120 });
    expect(report.verification).toMatchObject({
      sourceDocuments: 120,
      targetDocuments: 120,
      sampled: 120,
      ok: true,
    });
    expect((await api.call('GET', api.collectionPath('films', '/written-here'))).status).toBe(404);
    const doc = films[5]!;
    expect((await api.call('GET', api.collectionPath('films', `/${doc.id}`))).body.data).toEqual(
      doc.expected,
    );
  });

  it('deleting the collection drops both its tables', async () => {
    expect((await api.call('DELETE', api.collectionPath('films'))).status).toBe(204);
    expect((await api.call('GET', api.collectionPath('films', `/${films[0]!.id}`))).status).toBe(404);
    expect((await tableNames()).filter((t) => t.startsWith('films'))).toEqual([]);
  });
});
