// The production V8 flags (tools/build/node-options.ts) as node takes them where the manifests put
// them: NODE_OPTIONS plus the command-line flags before the entry. node refuses to start when a
// flag is in NODE_OPTIONS that may not be there (--min-semi-space-size is one), and the heap it
// sets up shows whether the flags took effect.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { productionNodeArgs, productionNodeOptions } from '../../../tools/build/node-options.js';

const MiB = 1024 * 1024;

/** The heap node sets up with a service's production flags, before any garbage collection. */
function heapAtStart(service: string): { newSpaceMiB: number; limitMiB: number } {
  const script = `const v8 = require('node:v8');
const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
console.log(JSON.stringify({ newSpace: space.space_size, limit: v8.getHeapStatistics().heap_size_limit }));`;
  const out = execFileSync(process.execPath, [...productionNodeArgs(service), '-e', script], {
    env: { ...process.env, NODE_OPTIONS: productionNodeOptions(service) },
    encoding: 'utf8',
    timeout: 30_000,
  });
  const { newSpace, limit } = JSON.parse(out) as { newSpace: number; limit: number };
  return { newSpaceMiB: newSpace / MiB, limitMiB: limit / MiB };
}

describe('the production node flags', () => {
  // V8's heap limit is the old generation plus three semi-spaces (two of the young generation and
  // its large-object space).
  it('give the bridge a young generation of 8 MiB semi-spaces from the start', () => {
    // Without --min-semi-space-size V8 starts at 1 MiB and resizes with the load (issue 15).
    expect(heapAtStart('bridge')).toEqual({ newSpaceMiB: 8, limitMiB: 160 + 3 * 8 });
  });

  it('give the REST, Document and gRPC APIs 4 MiB semi-spaces at most, the GraphQL API 8 MiB', () => {
    for (const api of ['rest', 'docs', 'grpc']) {
      expect(heapAtStart(api).limitMiB).toBe(160 + 3 * 4);
    }
    expect(heapAtStart('graphql').limitMiB).toBe(160 + 3 * 8);
  });
});
