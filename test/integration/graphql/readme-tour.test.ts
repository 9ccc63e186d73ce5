// The README's GraphQL tour works as pasted (its aggregation and vector search blocks too; not the
// schema-first deploy, sent as JSON): each curl's GraphQL document is sent, in order, to the
// path it names (its keyspace "library" swapped for this file's keyspace), and each answer shown
// after a `# →` is the answer the API gives.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { useGraphqlFixture } from './support/graphql-fixture.js';

const fx = useGraphqlFixture('gql_readme');

interface Step {
  path: string;
  query: string;
  expected?: unknown;
}

/** The GraphQL section's sh blocks that send GraphQL documents (not the schema-first deploy, JSON). */
function tourSteps(): Step[] {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('### GraphQL — port 8080');
  const end = readme.indexOf('<!-- tours:end -->', start);
  const section = readme.slice(start, end);
  const steps: Step[] = [];
  const command =
    /curl -s localhost:8080(\S+) [^\n]*application\/graphql'[^\n]*\\\n\s*-d '([^']*)'(?:\n# → (.*))?/g;
  for (const [, block] of section.matchAll(/```sh\n([\s\S]*?)```/g)) {
    if (block!.includes('/graphql-admin')) continue;
    for (const m of block!.matchAll(command)) {
      steps.push({ path: m[1]!, query: m[2]!, expected: m[3] === undefined ? undefined : JSON.parse(m[3]) });
    }
  }
  return steps;
}

test('the README GraphQL tour, including its aggregation and vector search, answers as shown', async () => {
  const steps = tourSteps();
  expect(steps.length).toBeGreaterThanOrEqual(9);
  expect(steps.some((s) => s.query.includes('_bigint_function') && s.expected !== undefined)).toBe(true);
  expect(steps.some((s) => s.query.includes('ann:') && s.expected !== undefined)).toBe(true);
  for (const step of steps) {
    const path = step.path.replace('/library', `/${fx.keyspace}`);
    const query = step.query.replaceAll('"library"', `"${fx.keyspace}"`);
    const r = await fx.api.post(path, query);
    expect(r.body.errors, query).toBeUndefined();
    if (step.expected !== undefined) expect(r.body, query).toEqual(step.expected);
  }
});
