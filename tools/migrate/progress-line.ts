// What a migration prints: the progress line while it runs and one summary per collection.
import type { MigrationProgress, MigrationReport } from './migrate-collection.js';

const count = (n: number): string => n.toLocaleString('en-US');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const rate = (documents: number, ms: number): string =>
  `${count(Math.round(documents / Math.max(ms / 1000, 0.001)))} documents/s`;

export function progressLine(p: MigrationProgress, now: number = Date.now()): string {
  const percent = Math.floor((100 * p.segmentsDone) / p.segments);
  const parts = [
    `${p.collection}: ${count(p.documents)} documents ${p.dryRun ? 'checked' : 'written'}`,
    `segments ${p.segmentsDone}/${p.segments} (${percent} %)`,
    rate(p.documentsThisRun, now - p.startedAt),
  ];
  if (p.failures) parts.push(`${count(p.failures)} cannot be stored`);
  return parts.join(' · ');
}

/** The summary of one collection's run, and the exit code it calls for. */
export function summary(r: MigrationReport, command: string): { text: string; exitCode: number } {
  const where = `${r.target.keyspace}.${r.target.table}`;
  const lines: string[] = [];
  let exitCode = 0;
  switch (r.status) {
    case 'dry-run':
      lines.push(
        `${r.collection}: dry run: ${count(r.documentsThisRun + r.failures.length)} documents (${count(r.rowsRead ?? 0)} rows) read and rebuilt in ${seconds(r.elapsedMs)}; nothing was written.`,
      );
      if (r.failures.length) exitCode = 1;
      break;
    case 'complete': {
      if (r.alreadyComplete) {
        lines.push(
          `${r.collection}: already migrated into ${where} (${r.alreadyComplete.toISOString()}); nothing to do (--restart copies it again).`,
        );
        break;
      }
      const v = r.verification!;
      const resumed = r.documentsBefore
        ? `, resuming after ${count(r.documentsBefore)} written by an earlier run`
        : '';
      const compared = v.sampled === v.sourceDocuments ? 'of them' : 'sampled documents';
      lines.push(
        `${r.collection}: migrated ${count(r.documentsThisRun)} documents into ${where} in ${seconds(r.elapsedMs)}${resumed}; ` +
          `copying took ${seconds(r.copyMs)} (${rate(r.documentsThisRun, r.copyMs)}), the check ${seconds(r.verifyMs)}.`,
        `  check: ${count(v.sourceDocuments)} documents in both tables, ${count(v.sampled)} ${compared} equal. The Document API serves the collection now.`,
      );
      break;
    }
    case 'interrupted':
      lines.push(
        `${r.collection}: interrupted after ${count(r.documentsBefore + r.documentsThisRun)} documents; progress is kept, run the same command again to resume: ${command}`,
      );
      exitCode = 130;
      break;
    case 'failed':
      lines.push(
        `${r.collection}: ${count(r.failures.length)} documents cannot be stored here; the collection stays unmigrated (409). Fix them in Stargate and run again (${command}):`,
      );
      exitCode = 1;
      break;
    case 'mismatch': {
      const v = r.verification!;
      lines.push(
        `${r.collection}: the final check failed: ${count(v.sourceDocuments)} documents in Stargate's table, ${count(v.targetDocuments)} in ${where}` +
          (v.mismatched.length
            ? `; sampled documents that differ: ${v.mismatched.slice(0, 10).join(', ')}`
            : '') +
          '.',
        '  The collection stays unmigrated (409). Were documents written in Stargate meanwhile? Stop writes there and run again with --restart.',
      );
      exitCode = 1;
      break;
    }
  }
  for (const f of r.failures.slice(0, 20)) lines.push(`  ${f.id}: ${f.reason}`);
  if (r.failures.length > 20) lines.push(`  … and ${count(r.failures.length - 20)} more`);
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return { text: lines.join('\n'), exitCode };
}
