// The README's Document API vector search example works as pasted: each curl of its block is sent,
// in order, with its method, path, body and url-encoded parameters (the namespace "library"
// swapped for this file's), and the answer shown after `# →` is the answer the API gives.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type DocsApiHarness, startDocsApi } from './docs-api-harness.js';

interface Step {
  method: string;
  path: string;
  body?: unknown;
  query: Record<string, string>;
  expected?: unknown;
}

function tourSteps(): Step[] {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('Beyond Stargate: vector search.');
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(start))?.[1] ?? '';
  // One line per command (continuations joined), and answers (`# →` and the `#` lines after it).
  const lines = block.replace(/\\\n\s*/g, '').split('\n');
  const steps: Step[] = [];
  for (const line of lines) {
    if (line.startsWith('# →')) {
      steps[steps.length - 1]!.expected = line.slice(3).trim();
    } else if (line.startsWith('#') && steps.length > 0) {
      steps[steps.length - 1]!.expected += line.slice(1).trim();
    } else if (line.startsWith('curl ')) {
      const path = /localhost:8180(\S+)/.exec(line)![1]!;
      const body = /-d '([^']*)'/.exec(line)?.[1];
      const query: Record<string, string> = {};
      for (const m of line.matchAll(/--data-urlencode '([^=]+)=([^']*)'/g)) query[m[1]!] = m[2]!;
      steps.push({
        method: /-X (\w+)/.exec(line)?.[1] ?? 'GET',
        path,
        body: body === undefined ? undefined : JSON.parse(body),
        query,
      });
    }
  }
  return steps.map((s) => ({
    ...s,
    expected: s.expected === undefined ? undefined : JSON.parse(s.expected as string),
  }));
}

let api: DocsApiHarness;
beforeAll(async () => {
  api = await startDocsApi('vdocs_readme');
});
afterAll(async () => {
  await api?.close();
});

test('the README vector search example answers as shown', async () => {
  const steps = tourSteps();
  expect(steps.map((s) => s.method)).toEqual(['POST', 'PUT', 'PUT', 'GET']);
  expect(steps[3]!.expected).toBeDefined();
  for (const step of steps) {
    const path = step.path.replace('/namespaces/library/', `/namespaces/${api.namespace}/`);
    const res = await api.call(step.method, path, { body: step.body, query: step.query });
    expect(res.status, res.text).toBeLessThan(300);
    if (step.expected !== undefined) expect(res.body).toEqual(step.expected);
  }
});
