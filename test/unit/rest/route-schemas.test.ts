// Every REST route's request schemas (and the shared ones they refer to) are valid JSON Schemas: the
// REST validators skip that check at start-up (it costs a cold start the compilation of ajv's
// meta-schema), so it is made here, and each schema must also compile.
import { Ajv } from 'ajv';
import type { FastifySchema } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { ApiContext } from '../../../services/common/src/api/start-http-api.js';
import { loadConfig } from '../../../services/common/src/config/load-config.js';
import { buildHttpApp } from '../../../services/common/src/http/build-http-app.js';
import { createLogger } from '../../../services/common/src/logging/logger.js';
import { createMetricsRegistry } from '../../../services/common/src/metrics/registry.js';
import { registerRestApi } from '../../../services/rest/src/app.js';
import { type RestConfig, restConfigSchemas } from '../../../services/rest/src/config.js';
import { restSchemas } from '../../../services/rest/src/http/rest-schemas.js';

async function routeSchemas(): Promise<Array<{ route: string; part: string; schema: object }>> {
  const logger = createLogger('test', 'silent');
  const registry = createMetricsRegistry('test');
  const app = buildHttpApp({ logger, registry, readiness: async () => ({ ready: true }) });
  const found: Array<{ route: string; part: string; schema: object }> = [];
  app.addHook('onRoute', (route) => {
    const schema = (route.schema ?? {}) as FastifySchema & Record<string, unknown>;
    for (const part of ['params', 'querystring', 'body', 'headers']) {
      const s = schema[part];
      if (s && typeof s === 'object') found.push({ route: `${route.method} ${route.url}`, part, schema: s });
    }
  });
  // Nothing is called on the bridge or the schema cache while routes are registered.
  const context = { logger, registry, bridge: {}, schemaCache: {} } as unknown as ApiContext;
  await registerRestApi(app, context, loadConfig<RestConfig>(restConfigSchemas, {}));
  await app.ready();
  await app.close();
  return found;
}

describe('REST request schemas', async () => {
  const schemas = await routeSchemas();

  it('covers the routes', () => {
    expect(schemas.length).toBeGreaterThan(20);
    expect(schemas.some((s) => s.route.includes('/v2/keyspaces/:keyspace/:table') && s.part === 'body')).toBe(
      true,
    );
  });

  it.each(schemas.map((s) => [`${s.route} ${s.part}`, s.schema] as const))(
    '%s is a valid JSON Schema',
    (_name, schema) => {
      const ajv = new Ajv({ strict: false });
      for (const shared of restSchemas()) ajv.addSchema(shared);
      expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
      expect(() => ajv.compile(schema)).not.toThrow();
    },
  );

  it('the shared schemas are valid JSON Schemas', () => {
    const ajv = new Ajv({ strict: false });
    for (const shared of restSchemas())
      expect(ajv.validateSchema(shared), JSON.stringify(ajv.errors)).toBe(true);
  });
});
