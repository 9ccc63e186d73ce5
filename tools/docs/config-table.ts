// Renders the README's configuration table from schemas/config/*.json (the single source of
// truth): `npx tsx tools/docs/config-table.ts`. A unit test keeps README.md in step with it.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readConfigSchema } from '../../services/common/src/config/load-config.js';

const order = ['common', 'api-common', 'bridge', 'rest', 'docs', 'graphql', 'grpc'];
const scope: Record<string, string> = {
  common: 'all services',
  'api-common': 'rest, docs, graphql, grpc',
  bridge: 'bridge',
  rest: 'rest',
  docs: 'docs',
  graphql: 'graphql',
  grpc: 'grpc',
};

export function configSchemaNames(): string[] {
  const dir = fileURLToPath(new URL('../../schemas/config/', import.meta.url));
  const present = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5));
  return [...order.filter((n) => present.includes(n)), ...present.filter((n) => !order.includes(n)).sort()];
}

export function renderConfigTable(): string {
  const lines = ['| variable | used by | default | meaning |', '|---|---|---|---|'];
  for (const name of configSchemaNames()) {
    for (const prop of Object.values(readConfigSchema(name).properties)) {
      const value =
        prop.default === undefined || prop.default === '' ? '(empty)' : `\`${String(prop.default)}\``;
      lines.push(
        `| \`${prop['x-env']}\` | ${scope[name] ?? name} | ${value} | ${prop.description.replace(/\|/g, '\\|')} |`,
      );
    }
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(renderConfigTable());
