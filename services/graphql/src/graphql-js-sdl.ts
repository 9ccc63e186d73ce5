// graphql-js's SDL validation (unknown types and directives, directive placement and arguments),
// from the same CommonJS build as graphql-js.ts. Not part of the package's index, but exported by
// its validation module since 15.
export { validateSDL } from 'graphql/validation/validate.js';
