// The README's configuration table is generated from schemas/config (tools/docs/config-table.ts);
// this fails when a variable is added, renamed or given a new default without updating README.md.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConfigTable } from '../../../tools/docs/config-table.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('README.md', () => {
  it('documents every configuration variable with its default', () => {
    const section = /<!-- config-table:start -->\n([\s\S]*?)\n<!-- config-table:end -->/.exec(readme)?.[1];
    expect(section, 'regenerate with: npx tsx tools/docs/config-table.ts').toBe(renderConfigTable());
  });

  it('shows the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});
