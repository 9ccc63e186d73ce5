// Renders a kustomization with `kubectl kustomize` (works with no cluster) and parses the
// multi-document output. Every test file is its own process and renders the same trees, so
// renders are also cached on disk, keyed by the bytes of every file of the tree, the
// kustomization's place in it and the kubectl binary: any edit renders afresh.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { K8sObject } from './k8s-object.js';
import { k8sDir } from './paths.js';

const memory = new Map<string, K8sObject[]>();
const cacheDir = join(tmpdir(), 'stargate-deploy-checks');

/** Renders one of ours, e.g. `overlays/prod`. */
export function renderKustomization(path: string): K8sObject[] {
  return renderDirectory(join(k8sDir, path), k8sDir);
}

/** Renders `directory`, a kustomization inside the tree `treeRoot` (deploy/k8s or a copy of it). */
export function renderDirectory(directory: string, treeRoot: string): K8sObject[] {
  const known = memory.get(directory);
  if (known) return known;
  const key = createHash('sha256')
    .update(kubectlIdentity())
    .update(relative(treeRoot, directory))
    .update(treeDigest(treeRoot))
    .digest('hex');
  const cachePath = join(cacheDir, `render-${key}.json`);
  let objects: K8sObject[];
  if (existsSync(cachePath)) {
    objects = JSON.parse(readFileSync(cachePath, 'utf8')) as K8sObject[];
  } else {
    objects = parseManifests(kustomize(directory));
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${cachePath}.${process.pid}`;
    writeFileSync(partial, JSON.stringify(objects));
    renameSync(partial, cachePath);
  }
  memory.set(directory, objects);
  return objects;
}

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((document) => {
      if (document.errors.length > 0) throw document.errors[0];
      return document.toJS() as K8sObject | null;
    })
    .filter((object): object is K8sObject => object !== null);
}

function kustomize(directory: string): string {
  try {
    return execFileSync('kubectl', ['kustomize', directory], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
    throw new Error(`kubectl kustomize ${directory} failed: ${stderr}`);
  }
}

/** Paths and contents of every file under `root`, in a stable order. */
function treeDigest(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  walk(root);
  return hash.digest('hex');
}

/** Which kubectl binary renders: its path, size and modification time. */
function kubectlIdentity(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'kubectl');
    if (existsSync(candidate)) {
      const stat = statSync(candidate);
      return `${candidate}:${stat.size}:${stat.mtimeMs}`;
    }
  }
  throw new Error('kubectl is not on PATH: the deploy checks need it to render kustomizations');
}
