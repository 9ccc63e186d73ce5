// docs/architecture.md names files by path: each one must exist, so the page cannot drift from the
// code unnoticed. The page must also keep covering the three request paths it promises.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const page = readFileSync(`${root}docs/architecture.md`, 'utf8');
// Repository paths in backticks: services/…, schemas/…, test/…, proto/…, bench/…, docs/…, deploy/…
const named = [...page.matchAll(/`((?:services|schemas|test|proto|bench|docs|deploy)\/[^`\s]*)`/g)].map(
  (m) => m[1]!,
);

describe('docs/architecture.md', () => {
  it('names at least forty files and folders', () => {
    expect(new Set(named).size).toBeGreaterThanOrEqual(40);
  });

  it('names only paths that exist', () => {
    const missing = [...new Set(named)].filter((path) => !existsSync(`${root}${path}`));
    expect(missing).toEqual([]);
  });

  it('walks a REST read, a gRPC call and a Docs read', () => {
    const headings = [...page.matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
    expect(headings.some((h) => h.startsWith('A REST point read'))).toBe(true);
    expect(headings.some((h) => h.startsWith('A gRPC call'))).toBe(true);
    expect(headings.some((h) => h.startsWith('A Docs read'))).toBe(true);
  });
});
