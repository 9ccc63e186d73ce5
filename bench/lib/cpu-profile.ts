// Reads a V8 .cpuprofile (node --cpu-prof) and sums self time per function and per module: an npm
// package (`@grpc/grpc-js`), a folder of ours (`services/common/src/bridge`) or a Node internal
// area (`node:http2`). Idle time, GC and "(program)" (native code outside JS) are kept apart.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface SelfTime {
  name: string;
  module: string;
  location: string;
  ms: number;
  /** Share of the busy (non-idle) time, 0..1. */
  share: number;
}

export interface ProfileSummary {
  file: string;
  /** What part of the profile was summed: the whole life of the process, or the measured runs. */
  scope: string;
  wallMs: number;
  idleMs: number;
  busyMs: number;
  gcMs: number;
  programMs: number;
  modules: Array<{ module: string; ms: number; share: number }>;
  /** Time with at least one frame of the module on the stack (its own code and what it calls). */
  inclusiveModules: Array<{ module: string; ms: number; share: number }>;
  functions: SelfTime[];
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

export function moduleOf(url: string, functionName: string): string {
  if (SPECIAL.has(functionName) && url === '') return functionName;
  if (url === '') return '(native)';
  if (url.startsWith('node:')) {
    const parts = url.slice('node:'.length).split('/');
    const area = parts[0] === 'internal' ? (parts[1] ?? 'internal') : parts[0]!;
    return `node:${area.replace(/\.js$/, '')}`;
  }
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const ours = /\/(services|bench|tools)\/(.*)\/[^/]+$/.exec(path);
  if (ours) return `${ours[1]}/${ours[2]}`;
  return path;
}

function shortLocation(url: string, line: number): string {
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  const shown =
    nm >= 0
      ? path.slice(nm + '/node_modules/'.length)
      : path.replace(/^.*?\/(services|bench|tools)\//, '$1/');
  return `${shown}:${line + 1}`;
}

/**
 * `windows`: only samples inside these [from, to] intervals, in ms since the profile started (the
 * process start, for node --cpu-prof), are summed; undefined sums the whole profile.
 */
export function summarizeProfile(
  file: string,
  top = 25,
  windows?: Array<[number, number]>,
  scope = 'whole process life',
): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) byId.set(node.id, node);
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  // The modules on each node's stack, computed once per node.
  const stackModules = new Map<number, Set<string>>();
  const modulesOnStack = (id: number): Set<string> => {
    const known = stackModules.get(id);
    if (known) return known;
    const { url, functionName } = byId.get(id)!.callFrame;
    const parent = parentOf.get(id);
    const set = new Set(parent === undefined ? [] : modulesOnStack(parent));
    if (url !== '') set.add(moduleOf(url, functionName));
    stackModules.set(id, set);
    return set;
  };
  const inclusiveUs = new Map<string, number>();
  const selfUs = new Map<number, number>();
  let at = 0;
  let sampledUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    const ms = at / 1000;
    if (windows && !windows.some(([from, to]) => ms >= from && ms <= to)) continue;
    sampledUs += delta;
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
    if (byId.get(id)!.callFrame.functionName !== '(idle)') {
      for (const module of modulesOnStack(id))
        inclusiveUs.set(module, (inclusiveUs.get(module) ?? 0) + delta);
    }
  }
  let idleUs = 0;
  let gcUs = 0;
  let programUs = 0;
  let totalUs = 0;
  const fnTotals = new Map<string, { name: string; module: string; location: string; us: number }>();
  const moduleTotals = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    totalUs += us;
    if (functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    if (functionName === '(garbage collector)') gcUs += us;
    if (functionName === '(program)') programUs += us;
    const module = moduleOf(url, functionName);
    const name = functionName || '(anonymous)';
    const key = `${name}\u0000${url}\u0000${lineNumber}`;
    const entry = fnTotals.get(key) ?? {
      name,
      module,
      location: url ? shortLocation(url, lineNumber) : '',
      us: 0,
    };
    entry.us += us;
    fnTotals.set(key, entry);
    moduleTotals.set(module, (moduleTotals.get(module) ?? 0) + us);
  }
  const busyUs = totalUs - idleUs;
  const share = (us: number) => (busyUs > 0 ? us / busyUs : 0);
  return {
    file,
    scope,
    wallMs: sampledUs / 1000,
    idleMs: idleUs / 1000,
    busyMs: busyUs / 1000,
    gcMs: gcUs / 1000,
    programMs: programUs / 1000,
    modules: [...moduleTotals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([module, us]) => ({ module, ms: us / 1000, share: share(us) })),
    inclusiveModules: [...inclusiveUs]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([module, us]) => ({ module, ms: us / 1000, share: share(us) })),
    functions: [...fnTotals.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({
        name: f.name,
        module: f.module,
        location: f.location,
        ms: f.us / 1000,
        share: share(f.us),
      })),
  };
}

export function formatProfileSummary(s: ProfileSummary, top = 25): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const lines = [
    `${s.file} — ${s.scope}`,
    `busy ${s.busyMs.toFixed(0)} ms of ${s.wallMs.toFixed(0)} ms sampled (GC ${s.gcMs.toFixed(0)} ms, (program) ${s.programMs.toFixed(0)} ms); "busy" is wall time the thread was not idle, including time it waited for a core`,
    '',
    '| module (self time) | ms | share of busy |',
    '|---|---|---|',
    ...s.modules
      .slice(0, Math.min(top, 15))
      .map((m) => `| ${m.module} | ${m.ms.toFixed(0)} | ${pct(m.share)} |`),
    '',
    '| module (inclusive: its frames on the stack, with what it calls) | ms | share of busy |',
    '|---|---|---|',
    ...s.inclusiveModules
      .slice(0, Math.min(top, 15))
      .map((m) => `| ${m.module} | ${m.ms.toFixed(0)} | ${pct(m.share)} |`),
    '',
    '| function (self time) | module | where | ms | share of busy |',
    '|---|---|---|---|---|',
    ...s.functions
      .slice(0, top)
      .map((f) => `| ${f.name} | ${f.module} | ${f.location} | ${f.ms.toFixed(0)} | ${pct(f.share)} |`),
  ];
  return lines.join('\n');
}
