// Fastify compiles every route's response serializers (fast-json-stringify) while it starts: about a
// fifth of the REST API's start-up CPU, for routes most processes never answer. This factory builds
// each serializer with Fastify's own compiler and options, but on its first use (the first response
// of that route and status code pays a few milliseconds instead).
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type SerializerFactory = ReturnType<typeof SerializerSelector>;
type RouteDefinition = Parameters<ReturnType<SerializerFactory>>[0];

const eager = SerializerSelector();

export const lazySerializerFactory: SerializerFactory = (externalSchemas, options) => {
  const compile = eager(externalSchemas, options);
  return (route: RouteDefinition) => {
    let serialize: ((doc: unknown) => string) | undefined;
    return (doc: unknown) => {
      serialize ??= compile(route);
      return serialize(doc);
    };
  };
};
