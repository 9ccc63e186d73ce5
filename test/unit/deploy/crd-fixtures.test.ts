// The CRD side of validation: every CRD converts, every CEL rule in them has a hand-written
// check, the conversion rules behave, and the one CRD we carry ourselves is unchanged.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { celRule } from './support/cel-rules.js';
import { strictSchema } from './support/crd-schema.js';
import { convertedCrd } from './support/crd-schema-cache.js';
import { fixtureCrdDir, sharedCrdDir } from './support/paths.js';

const crdFiles = [sharedCrdDir, fixtureCrdDir].flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => join(dir, name)),
);

function celRulesIn(schema: unknown): string[] {
  if (schema === null || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  const own = ((node['x-kubernetes-validations'] as { rule: string }[] | undefined) ?? []).map((r) => r.rule);
  return [...own, ...Object.values(node).flatMap(celRulesIn)];
}

describe('CRD schemas', () => {
  it('include PrometheusRule from the fixtures', () => {
    expect(crdFiles.map((f) => f.split('/').pop())).toContain('monitoring.coreos.com_prometheusrules.yaml');
  });

  it.each(crdFiles)('%s converts, and each of its CEL rules has a check', (file) => {
    const { versions } = convertedCrd(file);
    expect(Object.keys(versions).length).toBeGreaterThan(0);
    for (const rule of celRulesIn(versions)) expect(() => celRule(rule)).not.toThrow();
  });

  it('the PrometheusRule fixture keeps the upstream content (layout aside)', () => {
    const text = readFileSync(join(fixtureCrdDir, 'monitoring.coreos.com_prometheusrules.yaml'), 'utf8');
    const digest = createHash('sha256')
      .update(JSON.stringify(parse(text)))
      .digest('hex');
    expect(digest).toBe('81f54ce13763aa5c76c5afad204ad7605d258fdc31c934907aee7d07fc8d5516');
  });
});

describe('CRD schema conversion', () => {
  it('closes objects that list properties', () => {
    expect(strictSchema({ type: 'object', properties: { a: { type: 'string' } } })).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
      additionalProperties: false,
    });
  });

  it('leaves x-kubernetes-preserve-unknown-fields open, and makes a typed one free-form', () => {
    const open = strictSchema({
      type: 'object',
      properties: { a: { type: 'string' } },
      'x-kubernetes-preserve-unknown-fields': true,
    });
    expect(open.additionalProperties).toBeUndefined();
    expect(
      strictSchema({
        type: 'string',
        format: 'byte',
        description: 'x',
        'x-kubernetes-preserve-unknown-fields': true,
      }),
    ).toEqual({});
  });

  it('maps int-or-string, nullable, list-type set and case-insensitive patterns', () => {
    expect(strictSchema({ 'x-kubernetes-int-or-string': true })).toEqual({
      anyOf: [{ type: 'integer' }, { type: 'string' }],
    });
    expect(strictSchema({ type: 'string', nullable: true })).toEqual({
      anyOf: [{ type: 'string' }, { type: 'null' }],
    });
    expect(
      strictSchema({ type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' }),
    ).toEqual({
      type: 'array',
      items: { type: 'string' },
      uniqueItems: true,
    });
    const { pattern } = strictSchema({ type: 'string', pattern: '^(?i)(abort|warn)?$' }) as {
      pattern: string;
    };
    expect(new RegExp(pattern).test('Abort')).toBe(true);
    expect(new RegExp(pattern).test('abortx')).toBe(false);
  });

  it('refuses a CEL rule nobody wrote a check for', () => {
    expect(() => celRule('self.replicas > 2')).toThrow(/no hand-written check/);
  });
});
