// A table comment the bridge left out of a keyspace description because it is too long to keep
// (services/bridge/src/schema/describe-keyspace.ts): its length comes as this table option instead.
export const COMMENT_OMITTED_OPTION = 'comment_omitted_chars';

/** Longest table comment a description carries. */
export const LONGEST_DESCRIBED_COMMENT = 128 * 1024;
