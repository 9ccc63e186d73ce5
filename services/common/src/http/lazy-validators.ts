// Fastify compiles every route's request validators (ajv) while it starts: about a fifth of the REST
// and Document APIs' start-up CPU, for routes most processes never see. This factory builds each
// validator with Fastify's own compiler and options, but on its first use.
//
// Bodies are checked as sent (no type coercion, unknown properties refused where a schema says so,
// never silently dropped): Fastify's defaults would turn {"name": 0} into "0" and accept it.
//
// Fastify lowercases header schemas only for its default compiler; with this one they would be
// compiled as written (header names arrive lowercased), so header schemas are refused outright.
import AjvCompiler from '@fastify/ajv-compiler';
import type { Options as AjvOptions } from 'ajv';
import { validatedQuerystring } from './query-parameters.js';

type ValidatorFactory = AjvCompiler.ValidatorFactory;
type RouteDefinition = AjvCompiler.RouteDefinition;
type Validate = ReturnType<AjvCompiler.ValidatorCompiler>;

const eager = AjvCompiler();

export const lazyValidatorFactory: ValidatorFactory = (externalSchemas, options) => {
  // Even the ajv instance is made on first use: building it (formats, meta-schema) costs ~50 ms.
  let compiler: ReturnType<ValidatorFactory> | undefined;
  let bodyCompiler: ReturnType<ValidatorFactory> | undefined;
  const compile = (route: RouteDefinition) => {
    if (route.httpPart === 'body') {
      const customOptions: AjvOptions = {
        ...(options?.customOptions as AjvOptions | undefined),
        coerceTypes: false,
        removeAdditional: false,
      };
      bodyCompiler ??= eager(externalSchemas, {
        onCreate: options?.onCreate,
        plugins: options?.plugins,
        customOptions,
      });
      return bodyCompiler(route);
    }
    compiler ??= eager(externalSchemas, options);
    // JSON-valued and handler-parsed query parameters arrive as text (query-parameters.ts).
    if (route.httpPart === 'querystring')
      return compiler({ ...route, schema: validatedQuerystring(route.schema) });
    return compiler(route);
  };
  return (route: RouteDefinition) => {
    if (route.httpPart === 'headers') {
      throw new Error(
        `${route.method} ${route.url}: header schemas are not supported (see lazy-validators.ts)`,
      );
    }
    return compileOnFirstUse(() => compile(route));
  };
};

/** A validator that compiles on its first call (for APIs that bring their own ajv compiler). */
export function compileOnFirstUse<V extends Validate>(compile: () => V): V {
  let validate: V | undefined;
  // Fastify reads `errors` off the function it was given after a failed validation.
  const lazy = ((data: unknown) => {
    validate ??= compile();
    const result = validate(data);
    lazy.errors = validate.errors;
    return result;
  }) as V;
  return lazy;
}
