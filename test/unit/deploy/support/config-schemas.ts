// The services' configuration as declared in schemas/config/*.json: which environment
// variables each service reads, their defaults, and a validator for a set of values, built the
// way services/common/src/config/load-config.ts builds it (types coerced, unknown keys refused).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { configFormats } from '../../../../services/common/src/config/config-formats.js';
import { configSchemaDir } from './paths.js';

interface PropertySchema {
  'x-env': string;
  type: string;
  default?: unknown;
  [key: string]: unknown;
}

export const apiServices = ['rest', 'docs', 'graphql', 'grpc'] as const;
export const allServices = ['bridge', ...apiServices] as const;

/** Variables of the Node runtime itself, which no config schema declares. */
export const runtimeVariables = new Set(['NODE_OPTIONS', 'NODE_ENV']);

export function schemaFilesFor(service: string): string[] {
  return service === 'bridge' ? ['common', 'bridge'] : ['common', 'api-common', service];
}

const propertiesCache = new Map<string, Record<string, PropertySchema>>();
const validators = new Map<string, ValidateFunction>();

export function propertiesFor(service: string): Record<string, PropertySchema> {
  const cached = propertiesCache.get(service);
  if (cached) return cached;
  const properties: Record<string, PropertySchema> = {};
  for (const name of schemaFilesFor(service)) {
    const schema = JSON.parse(readFileSync(join(configSchemaDir, `${name}.json`), 'utf8')) as {
      properties: Record<string, PropertySchema>;
    };
    Object.assign(properties, schema.properties);
  }
  propertiesCache.set(service, properties);
  return properties;
}

/** Default of every port the service listens on, by variable name (e.g. REST_PORT → 8082). */
export function defaultPorts(service: string): Map<string, number> {
  const ports = new Map<string, number>();
  for (const [key, property] of Object.entries(propertiesFor(service))) {
    if (/port$/i.test(key) && property.type === 'integer') {
      ports.set(property['x-env'], property.default as number);
    }
  }
  return ports;
}

/** Problems with a set of environment values for a service; secrets are passed as undefined. */
export function checkEnvironment(service: string, env: Map<string, string | undefined>): string[] {
  const properties = propertiesFor(service);
  const byEnv = new Map(Object.entries(properties).map(([key, p]) => [p['x-env'], key]));
  const problems: string[] = [];
  const raw: Record<string, string> = {};
  for (const [name, value] of env) {
    const key = byEnv.get(name);
    if (!key) {
      if (!runtimeVariables.has(name)) problems.push(`${name} is not a setting of ${service}`);
    } else if (value !== undefined && value !== '') {
      // Empty is unset, as load-config.ts reads it (Compose's `${VAR:-}` pass-throughs).
      raw[key] = value;
    }
  }
  let validate = validators.get(service);
  if (!validate) {
    const ajv = new Ajv({ coerceTypes: true, strict: false, allErrors: true });
    for (const [name, format] of Object.entries(configFormats)) {
      ajv.addFormat(name, { type: 'string', validate: (value) => format.problem(value) === undefined });
    }
    validate = ajv.compile({ type: 'object', properties, additionalProperties: false });
    validators.set(service, validate);
  }
  if (!validate(raw)) {
    for (const error of validate.errors ?? []) {
      const key = error.instancePath.replace(/^\//, '');
      problems.push(`${properties[key]?.['x-env'] ?? key}=${raw[key]}: ${error.message}`);
    }
  }
  return problems;
}
