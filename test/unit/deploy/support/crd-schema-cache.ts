// Parsing the 2.4 MB K8ssandraCluster CRD takes seconds; its converted schema is a few hundred
// KB of JSON. Each test process keeps converted schemas in memory, and they are also cached in
// the OS temp directory, keyed by the CRD's bytes and the converter's source, so the other
// test processes of a run (and later runs) skip the YAML parse.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { strictSchema } from './crd-schema.js';

type Schema = Record<string, unknown>;
interface CrdDocument {
  spec: { names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: Schema } }[] };
}

const converterSource = readFileSync(new URL('./crd-schema.ts', import.meta.url), 'utf8');
const cacheDir = join(tmpdir(), 'stargate-deploy-checks');
const memory = new Map<string, Record<string, Schema>>();

/** Strict schema of each version of the CRD in `file`, by version name, plus its kind. */
export function convertedCrd(file: string): { kind: string; versions: Record<string, Schema> } {
  const text = readFileSync(file, 'utf8');
  const key = createHash('sha256').update(text).update(converterSource).digest('hex');
  const cachePath = join(cacheDir, `${key}.json`);
  let entry = memory.get(key) as { kind: string; versions: Record<string, Schema> } | undefined;
  if (!entry) {
    try {
      entry = JSON.parse(readFileSync(cachePath, 'utf8'));
    } catch {
      entry = convert(parse(text) as CrdDocument);
      mkdirSync(cacheDir, { recursive: true });
      // Write then rename: a parallel test process never reads half a file.
      const partial = `${cachePath}.${process.pid}`;
      writeFileSync(partial, JSON.stringify(entry));
      renameSync(partial, cachePath);
    }
    memory.set(key, entry as never);
  }
  return entry as { kind: string; versions: Record<string, Schema> };
}

function convert(document: CrdDocument): { kind: string; versions: Record<string, Schema> } {
  const versions: Record<string, Schema> = {};
  for (const version of document.spec.versions) {
    versions[version.name] = strictSchema(version.schema.openAPIV3Schema);
  }
  return { kind: document.spec.names.kind, versions };
}
