// Finds fields Kubernetes does not know in a core object. kubernetes-models validates types,
// enums and required fields but, like the API server's schema, lets unknown keys through,
// while kubectl's default strict field validation rejects them. The field names of every
// type are read from the models' own type declarations (one `interface` per file), so a typo
// such as `readOnlyRootFileSystem` is caught without a second copy of the Kubernetes schema.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface FieldType {
  /** Declaration file of the field's object type; undefined for leaves (strings, maps, ...). */
  file?: string;
}

const require = createRequire(import.meta.url);
const modelsRoot = dirname(require.resolve('kubernetes-models/package.json'));
const packageRoots: Record<string, string> = {
  '@kubernetes-models/apimachinery': dirname(require.resolve('@kubernetes-models/apimachinery/package.json')),
};
const interfaces = new Map<string, Map<string, FieldType> | null>();

/** Declaration file of a top-level kind, e.g. ('apps/v1', 'Deployment'). */
export function kindDeclaration(apiVersion: string, kind: string): string {
  // Core kinds (apiVersion `v1`) live in v1/, the others in <group>/<version>/.
  return join(modelsRoot, apiVersion, `${kind}.d.ts`);
}

/** Paths of unknown fields under `value`, checked against the interface in `file`. */
export function unknownFields(value: unknown, file: string, path = ''): string[] {
  const fields = readInterface(file);
  if (!fields || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => unknownFields(item, file, `${path}[${i}]`));
  const problems: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const type = fields.get(key);
    const childPath = path ? `${path}.${key}` : key;
    if (!type) problems.push(childPath);
    else if (type.file) problems.push(...unknownFields(child, type.file, childPath));
  }
  return problems;
}

function readInterface(file: string): Map<string, FieldType> | null {
  if (interfaces.has(file)) return interfaces.get(file) ?? null;
  const text = readFileSync(file, 'utf8');
  const imports = new Map<string, string>();
  for (const match of text.matchAll(/^import \{ (\w+) \} from "([^"]+)";$/gm)) {
    imports.set(match[1]!, resolveImport(file, match[2]!));
  }
  const body = /^export interface \w+(?: extends [\w, ]+)? \{\n([\s\S]*?)^\}/m.exec(text)?.[1];
  if (body === undefined) {
    // A type alias (IntOrString, Quantity, Time): a leaf.
    interfaces.set(file, null);
    return null;
  }
  const fields = new Map<string, FieldType>();
  for (const match of body.matchAll(/^ {4}"([^"]+)"\??: (.+)$/gm)) {
    const typeText = match[2]!.replace(/;$/, '');
    const name = /^(?:Array<)?(\w+)>?$/.exec(typeText)?.[1];
    fields.set(match[1]!, { file: name ? imports.get(name) : undefined });
  }
  // TypeMeta fields come from `extends TypeMeta`.
  if (/extends TypeMeta/.test(text)) {
    fields.set('apiVersion', {});
    fields.set('kind', {});
  }
  interfaces.set(file, fields);
  return fields;
}

function resolveImport(from: string, specifier: string): string {
  if (specifier.startsWith('.')) return join(dirname(from), `${specifier}.d.ts`);
  for (const [name, root] of Object.entries(packageRoots)) {
    if (specifier.startsWith(`${name}/`)) return join(root, `${specifier.slice(name.length + 1)}.d.ts`);
  }
  // @kubernetes-models/base and friends: no object types we descend into.
  return join(modelsRoot, 'unresolved.d.ts');
}
