// Reads a service's settings from the environment, validates them once with ajv against the
// JSON Schemas in schemas/config/, and freezes the result. Property schemas carry their
// environment variable name in `x-env`, so the schema is the single source of truth.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { configFormats } from './config-formats.js';

export interface ConfigPropertySchema {
  'x-env': string;
  'x-secret'?: boolean;
  type: 'string' | 'integer' | 'number' | 'boolean';
  default?: unknown;
  description: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  /** A name from config-formats.ts. */
  format?: string;
}

export interface ConfigSchema {
  $id: string;
  title: string;
  type: 'object';
  properties: Record<string, ConfigPropertySchema>;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const schemaDir = new URL('../../../../schemas/config/', import.meta.url);

export function readConfigSchema(name: string): ConfigSchema {
  return JSON.parse(readFileSync(new URL(`${name}.json`, schemaDir), 'utf8')) as ConfigSchema;
}

/** Merges the named schema files (later ones win) into one object schema. */
function mergeConfigSchemas(names: readonly string[]): ConfigSchema {
  const properties: Record<string, ConfigPropertySchema> = {};
  for (const name of names) Object.assign(properties, readConfigSchema(name).properties);
  return { $id: `config/${names.join('+')}`, title: names.join(' + '), type: 'object', properties };
}

export function loadConfig<T extends object>(
  schemaNames: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Readonly<T> {
  const schema = mergeConfigSchemas(schemaNames);
  // validateSchema: false skips compiling ajv's meta-schema at every start (5–7 % of a cold start);
  // the schemas are checked against it by test/unit/common/config-schemas.test.ts instead.
  const ajv = new Ajv({
    useDefaults: true,
    coerceTypes: true,
    allErrors: false,
    strict: false,
    validateSchema: false,
  });
  for (const [name, format] of Object.entries(configFormats)) {
    ajv.addFormat(name, { type: 'string', validate: (value) => format.problem(value) === undefined });
  }
  const validate = ajv.compile({ ...schema, additionalProperties: false });
  const raw: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(schema.properties)) {
    const value = env[prop['x-env']];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const input = { ...raw };
  if (!validate(raw)) {
    throw new ConfigError(describeError(validate.errors?.[0], schema, input));
  }
  return Object.freeze(raw) as Readonly<T>;
}

function describeError(
  error: ErrorObject | undefined,
  schema: ConfigSchema,
  input: Record<string, unknown>,
): string {
  const key = error?.instancePath.replace(/^\//, '') ?? '';
  const prop = schema.properties[key];
  if (!error || !prop) return `invalid configuration: ${error?.message ?? 'unknown error'}`;
  const shown = prop['x-secret'] ? '<hidden>' : JSON.stringify(String(input[key]));
  const format = error.keyword === 'format' && prop.format ? configFormats[prop.format] : undefined;
  const expected = format ? `${format.expected} (${format.problem(String(input[key]))})` : allowed(prop);
  return `invalid configuration: ${prop['x-env']}=${shown} is not allowed; expected ${expected}`;
}

function allowed(prop: ConfigPropertySchema): string {
  if (prop.enum) return `one of ${prop.enum.join(', ')}`;
  const kind =
    prop.type === 'integer' ? 'an integer' : prop.type === 'number' ? 'a number' : `a ${prop.type}`;
  if (prop.minimum !== undefined || prop.maximum !== undefined) {
    return `${kind} from ${prop.minimum ?? '-∞'} to ${prop.maximum ?? '∞'}`;
  }
  if (prop.pattern) return `${kind} matching ${prop.pattern} (${prop.description})`;
  if (prop.minLength) return `a non-empty ${prop.type}`;
  return kind;
}

/** For main.ts: load, or print one line naming the problem and exit 1. */
export function loadConfigOrExit<T extends object>(schemaNames: readonly string[]): Readonly<T> {
  try {
    return loadConfig<T>(schemaNames);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

/**
 * For main.ts: runs the start; a ConfigError it meets (a TLS file that cannot be read, settings
 * that only make sense together) is printed as one line, exit 1, like a bad setting.
 */
export async function startOrExit<T>(start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
