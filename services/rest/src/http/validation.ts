// Request validation for the REST routes: each route's schemas are compiled once at start-up by
// our own ajv instances (bodies are checked as sent: unknown properties are refused, never
// silently dropped; query strings are coerced to their types), and a failure names the field.
import { Ajv, type ErrorObject } from 'ajv';
import type { FastifyInstance, FastifySchema } from 'fastify';
import type { SharedSchema } from './rest-schemas.js';

export function installValidation(scope: FastifyInstance, shared: readonly SharedSchema[]): void {
  const options = { allErrors: false, strict: false, useDefaults: true, removeAdditional: false } as const;
  const bodies = new Ajv({ ...options, coerceTypes: false });
  const strings = new Ajv({ ...options, coerceTypes: 'array' });
  for (const schema of shared) {
    bodies.addSchema(schema);
    strings.addSchema(schema);
  }
  scope.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? bodies : strings).compile(schema as FastifySchema & object),
  );
  scope.setSchemaErrorFormatter((errors, dataVar) => new Error(describeSchemaErrors(errors, dataVar)));
}

export function describeSchemaErrors(errors: readonly Partial<ErrorObject>[], dataVar: string): string {
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
