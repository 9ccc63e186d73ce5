import { describe, expect, it } from 'vitest';
import type { MigrationReport } from '../../../tools/migrate/migrate-collection.js';
import { progressLine, summary } from '../../../tools/migrate/progress-line.js';

const base: MigrationReport = {
  collection: 'books',
  target: { keyspace: 'shop', table: 'books__migrated' },
  status: 'complete',
  documentsThisRun: 700,
  documentsBefore: 300,
  failures: [],
  warnings: [],
  elapsedMs: 4000,
  copyMs: 2000,
  verifyMs: 500,
  verification: { sourceDocuments: 1000, targetDocuments: 1000, sampled: 100, mismatched: [], ok: true },
};
const command = 'npm run migrate -- stargate-docs --namespace shop --collection books';

describe('progressLine', () => {
  it('shows documents, segments and the rate of this run', () => {
    const line = progressLine(
      {
        collection: 'books',
        dryRun: false,
        documents: 1300,
        documentsThisRun: 1000,
        segmentsDone: 16,
        segments: 64,
        failures: 2,
        startedAt: 0,
      },
      2000,
    );
    expect(line).toBe(
      'books: 1,300 documents written · segments 16/64 (25 %) · 500 documents/s · 2 cannot be stored',
    );
  });
});

describe('summary', () => {
  it.each([
    {
      name: 'complete after a resume',
      report: base,
      text: 'books: migrated 700 documents into shop.books__migrated in 4.0 s, resuming after 300 written by an earlier run; copying took 2.0 s (350 documents/s), the check 0.5 s.\n  check: 1,000 documents in both tables, 100 sampled documents equal. The Document API serves the collection now.',
      exitCode: 0,
    },
    {
      name: 'interrupted',
      report: { ...base, status: 'interrupted', verification: undefined },
      text: `books: interrupted after 1,000 documents; progress is kept, run the same command again to resume: ${command}`,
      exitCode: 130,
    },
    {
      name: 'documents that cannot be stored',
      report: {
        ...base,
        status: 'failed',
        failures: [{ id: 'x', reason: 'The path a.b is longer than the limit of 2048 bytes.' }],
      },
      text: `books: 1 documents cannot be stored here; the collection stays unmigrated (409). Fix them in Stargate and run again (${command}):\n  x: The path a.b is longer than the limit of 2048 bytes.`,
      exitCode: 1,
    },
    {
      name: 'a failed check',
      report: {
        ...base,
        status: 'mismatch',
        verification: {
          sourceDocuments: 1001,
          targetDocuments: 1000,
          sampled: 100,
          mismatched: ['b7'],
          ok: false,
        },
      },
      text: "books: the final check failed: 1,001 documents in Stargate's table, 1,000 in shop.books__migrated; sampled documents that differ: b7.\n  The collection stays unmigrated (409). Were documents written in Stargate meanwhile? Stop writes there and run again with --restart.",
      exitCode: 1,
    },
  ] as Array<{ name: string; report: MigrationReport; text: string; exitCode: number }>)(
    '$name',
    ({ report, text, exitCode }) => {
      expect(summary(report, command)).toEqual({ text, exitCode });
    },
  );
});
