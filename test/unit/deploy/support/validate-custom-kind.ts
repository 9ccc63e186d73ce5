// Validates objects of custom kinds against the CRDs in ../shared/k8s-crds (plus the upstream
// CRDs in fixtures/crds), strictly: see crd-schema.ts. A CRD is read only when an object of its
// kind is first seen (the K8ssandraCluster CRD alone is 2.4 MB), and each object is checked
// against the schema pruned to the fields it sets (prune-schema.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// kubernetes-models' own dependency, which holds the ObjectMeta model.
import { ObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { celRule } from './cel-rules.js';
import { convertedCrd } from './crd-schema-cache.js';
import type { K8sObject } from './k8s-object.js';
import { fixtureCrdDir, sharedCrdDir } from './paths.js';
import { pruneSchema } from './prune-schema.js';

interface CrdFile {
  file: string;
  group: string;
  kind: string;
  versions: string[];
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = createAjv();
const compiled = new Map<string, ValidateFunction>();
const roots = new Map<string, Record<string, unknown>>();
let index: Map<string, CrdFile> | undefined;

/** `apiVersion/kind` of every custom kind we hold a schema for. */
export function customKinds(): string[] {
  return [...crdIndex().keys()];
}

export function isCustomKind(object: Pick<K8sObject, 'apiVersion' | 'kind'>): boolean {
  return crdIndex().has(`${object.apiVersion}/${object.kind}`);
}

/** Problems with one custom object; empty when valid. */
export function validateCustomKind(object: K8sObject): string[] {
  const key = `${object.apiVersion}/${object.kind}`;
  const crd = crdIndex().get(key);
  if (!crd) return [`no CRD schema for ${object.apiVersion} ${object.kind}`];
  const schema = pruneSchema(rootSchema(crd, object.apiVersion.split('/')[1]!), object);
  // Objects of the same shape (the four routes of a gateway) share one compiled validator.
  const cacheKey = JSON.stringify(schema);
  let validate = compiled.get(cacheKey);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(cacheKey, validate);
  }
  const problems = validate(object) ? [] : (validate.errors ?? []).map(describeError);
  // The CRD types metadata as a bare object; the API server checks it as ObjectMeta.
  try {
    new ObjectMeta(object.metadata as never).validate();
  } catch (error) {
    problems.push(`metadata: ${(error as Error).message}`);
  }
  return problems;
}

function rootSchema(crd: CrdFile, version: string): Record<string, unknown> {
  const key = `${crd.file}#${version}`;
  const known = roots.get(key);
  if (known) return known;
  const converted = convertedCrd(crd.file);
  const versionSchema = converted.versions[version];
  if (converted.kind !== crd.kind || !versionSchema) {
    throw new Error(`${crd.file} is not ${crd.kind} ${version}`);
  }
  const schema = structuredClone(versionSchema);
  const properties = schema.properties as Record<string, unknown>;
  properties.apiVersion = { const: `${crd.group}/${version}` };
  properties.kind = { const: crd.kind };
  roots.set(key, schema);
  return schema;
}

function crdIndex(): Map<string, CrdFile> {
  if (index) return index;
  index = new Map();
  for (const dir of [sharedCrdDir, fixtureCrdDir]) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
      const crd = readCrdHeader(join(dir, name));
      for (const version of crd.versions) index.set(`${crd.group}/${version}/${crd.kind}`, crd);
    }
  }
  return index;
}

/**
 * Group, kind and versions without parsing megabytes: the header before the first schema, and
 * every `name:` whose value looks like a Kubernetes API version. rootSchema() checks the guess.
 */
function readCrdHeader(file: string): CrdFile {
  const text = readFileSync(file, 'utf8');
  const header = text.slice(0, text.indexOf('openAPIV3Schema:'));
  const group = /^\s+group: (\S+)$/m.exec(header)?.[1];
  const kind = /^\s+kind: (\w+)$/m.exec(header)?.[1];
  const versions = [...text.matchAll(/^[\s-]+name: (v\d+(?:(?:alpha|beta)\d+)?)$/gm)].map((m) => m[1]!);
  if (!group || !kind || versions.length === 0) throw new Error(`cannot read the CRD header of ${file}`);
  return { file, group, kind, versions };
}

function createAjv(): Ajv {
  const instance = new Ajv({ allErrors: true, strict: false });
  addFormats(instance);
  instance.addKeyword({
    keyword: 'x-kubernetes-validations',
    schemaType: 'array',
    compile(rules: { rule: string; message?: string }[]) {
      const checks = rules.map((r) => ({ check: celRule(r.rule), message: r.message ?? r.rule }));
      const validate = (data: unknown): boolean => {
        if (data === null || typeof data !== 'object' || Array.isArray(data)) return true;
        const failed = checks.filter((c) => !c.check(data as Record<string, unknown>));
        (validate as unknown as { errors: Partial<ErrorObject>[] }).errors = failed.map((c) => ({
          keyword: 'x-kubernetes-validations',
          message: c.message,
          params: {},
        }));
        return failed.length === 0;
      };
      return validate;
    },
  });
  // x-kubernetes-list-type: map — no two items may share the values of the key fields.
  instance.addKeyword({
    keyword: 'x-kubernetes-list-map-keys',
    schemaType: 'array',
    compile(keys: string[]) {
      const validate = (data: unknown): boolean => {
        if (!Array.isArray(data)) return true;
        const seen = data.map((item) =>
          JSON.stringify(keys.map((k) => (item as Record<string, unknown>)?.[k])),
        );
        const unique = new Set(seen).size === seen.length;
        (validate as unknown as { errors: Partial<ErrorObject>[] }).errors = unique
          ? []
          : [
              {
                keyword: 'x-kubernetes-list-map-keys',
                message: `two items share ${keys.join(', ')}`,
                params: {},
              },
            ];
        return unique;
      };
      return validate;
    },
  });
  return instance;
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath || '/';
  if (error.keyword === 'additionalProperties') {
    return `${where}: unknown field ${(error.params as { additionalProperty: string }).additionalProperty}`;
  }
  return `${where}: ${error.message ?? error.keyword}`;
}
