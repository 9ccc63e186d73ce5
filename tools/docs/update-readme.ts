// Regenerates the generated parts of README.md: the configuration table (from schemas/config) and
// the API tours (from docs/*.md). `npx tsx tools/docs/update-readme.ts`
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderConfigTable } from './config-table.js';

const readmePath = fileURLToPath(new URL('../../README.md', import.meta.url));

function replaceSection(text: string, name: string, body: string): string {
  const re = new RegExp(`<!-- ${name}:start -->\\n[\\s\\S]*?<!-- ${name}:end -->`);
  return text.replace(re, `<!-- ${name}:start -->\n${body}\n<!-- ${name}:end -->`);
}

const readme = readFileSync(readmePath, 'utf8');
writeFileSync(readmePath, replaceSection(readme, 'config-table', renderConfigTable()));
