// A value the operation gave that does not fit (translation, codecs): the caller's mistake,
// classified BAD_USER_INPUT by http/graphql-error-code.ts.
export class ValueError extends Error {}
