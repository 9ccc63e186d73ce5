// graphql-js, loaded as the CommonJS build that Mercurius and graphql-jit require. The package
// also ships an ES build (its "module" field), which bundler-style resolvers such as Vite's pick
// for a bare `import 'graphql'`; schema objects from one build are rejected by the other
// ("Cannot use GraphQLSchema from another module or realm"). Import graphql-js only from here.
export * from 'graphql/index.js';
