// Request validation for the REST routes: each route's schemas are compiled on the route's first
// request by our own ajv instances (bodies are checked as sent: unknown properties are refused,
// never silently dropped; query strings are coerced to their types), and a failure names the field.
import { Ajv, type ErrorObject } from 'ajv';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { SCHEMA_NAME_PATTERN } from '../../../common/src/cql/identifier.js';
import { ApiError } from '../../../common/src/errors/api-error.js';
import { compileOnFirstUse } from '../../../common/src/http/lazy-validators.js';
import { validatedQuerystring } from '../../../common/src/http/query-parameters.js';
import type { SharedSchema } from './rest-schemas.js';

const restAjvOptions = {
  allErrors: false,
  strict: false,
  useDefaults: true,
  removeAdditional: false,
  // Not checked against ajv's meta-schema at every start (compiling that was ~0.1 s of a cold
  // start): test/unit/rest/route-schemas.test.ts checks every route schema instead.
  validateSchema: false,
} as const;

export function installValidation(scope: FastifyInstance, shared: readonly SharedSchema[]): void {
  const options = restAjvOptions;
  const bodies = new Ajv({ ...options, coerceTypes: false });
  // verbose: a refused name is quoted in the message, as validateSchemaName quotes it.
  const strings = new Ajv({ ...options, coerceTypes: 'array', verbose: true });
  for (const schema of shared) {
    bodies.addSchema(schema);
    strings.addSchema(schema);
  }
  scope.setValidatorCompiler(({ schema, httpPart }) =>
    compileOnFirstUse(() => {
      if (httpPart === 'body') return bodies.compile(schema as FastifySchema & object);
      // JSON-valued query parameters arrive as text; their handlers parse them (query-parameters.ts).
      const checked = httpPart === 'querystring' ? validatedQuerystring(schema) : schema;
      return strings.compile(checked as FastifySchema & object);
    }),
  );
  scope.setSchemaErrorFormatter(
    (errors, dataVar) => invalidPathName(errors, dataVar) ?? new Error(describeSchemaErrors(errors, dataVar)),
  );
}

/** A keyspace, table, index or type name in the path refused as validateSchemaName refuses it. */
function invalidPathName(errors: readonly Partial<ErrorObject>[], dataVar: string): ApiError | undefined {
  const error = errors[0];
  if (dataVar !== 'params' || error?.keyword !== 'pattern' || error.params?.pattern !== SCHEMA_NAME_PATTERN)
    return undefined;
  return new ApiError('REQUEST_INVALID', {
    detail: `Invalid ${error.instancePath?.slice(1)} name '${String(error.data)}': only letters, digits and underscores are allowed`,
  });
}

function describeSchemaErrors(errors: readonly Partial<ErrorObject>[], dataVar: string): string {
  const error = errors[0];
  if (!error) return `${dataVar} is invalid`;
  const where = `${dataVar}${error.instancePath ?? ''}`;
  const params = (error.params ?? {}) as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where} has an unknown property '${String(params.additionalProperty)}'`;
    case 'required':
      return `${where} is missing the required property '${String(params.missingProperty)}'`;
    case 'enum':
      return `${where} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}
