// The catalogue of errors the gateway reports: each code names its HTTP status, gRPC status and
// message template. Transports map errors in exactly one place each (HTTP: http/error-handler.ts).
import { status as GrpcStatus } from '@grpc/grpc-js';

export interface ErrorCodeSpec {
  http: number;
  grpc: GrpcStatus;
  /** `{name}` placeholders are filled from the ApiError params. */
  message: string;
}

export const errorCodes = {
  REQUEST_INVALID: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, message: '{detail}' },
  REQUEST_BODY_INVALID_JSON: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'Request body is not valid JSON: {detail}',
  },
  REQUEST_BODY_MISSING: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'Request body is missing: this operation needs a JSON body',
  },
  REQUEST_BODY_TOO_LARGE: {
    http: 413,
    grpc: GrpcStatus.RESOURCE_EXHAUSTED,
    message: 'Request body is larger than the limit of {limit} bytes',
  },
  // A client that stopped sending its request (HTTP_REQUEST_TIMEOUT_MS): HTTP answers it in
  // http/client-errors.ts (before any route), gRPC through this code.
  REQUEST_NOT_RECEIVED: {
    http: 408,
    grpc: GrpcStatus.DEADLINE_EXCEEDED,
    message: 'The request was not received within {ms} ms (HTTP_REQUEST_TIMEOUT_MS)',
  },
  ROUTE_NOT_FOUND: { http: 404, grpc: GrpcStatus.UNIMPLEMENTED, message: 'No route for {method} {url}' },
  AUTH_TOKEN_MISSING: {
    http: 401,
    grpc: GrpcStatus.UNAUTHENTICATED,
    message: 'Role unauthorized for operation: Missing token, expecting one in the X-Cassandra-Token header.',
  },
  // Multi-tenancy by subdomain: the host called names no tenant (tenancy/tenant-resolver.ts).
  TENANT_UNRESOLVED: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, message: 'No tenant: {detail}' },
  // gRPC API: Stargate's words for a call without x-cassandra-token (NewConnectionInterceptor.java).
  GRPC_TOKEN_MISSING: { http: 401, grpc: GrpcStatus.UNAUTHENTICATED, message: 'No token provided' },
  GRPC_MESSAGE_INVALID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'Invalid {type} message: it is not a valid protobuf encoding ({detail})',
  },
  GRPC_RESPONSE_TOO_LARGE: {
    http: 413,
    grpc: GrpcStatus.RESOURCE_EXHAUSTED,
    message: 'Response message of {size} bytes is larger than the limit of {limit} bytes',
  },
  SERVICE_SHUTTING_DOWN: { http: 503, grpc: GrpcStatus.UNAVAILABLE, message: 'Service is shutting down' },
  // Load: refused at once, with Retry-After (HTTP) or RetryInfo (gRPC); see errors/load-rejection.ts.
  OVERLOADED: {
    http: 503,
    grpc: GrpcStatus.RESOURCE_EXHAUSTED,
    message: 'Server is overloaded ({detail}); retry later',
  },
  RATE_LIMITED: {
    http: 429,
    grpc: GrpcStatus.RESOURCE_EXHAUSTED,
    message: 'Rate limit exceeded ({detail}); retry in {seconds} s',
  },
  UPSTREAM_UNAVAILABLE: { http: 503, grpc: GrpcStatus.UNAVAILABLE, message: '{detail}' },
  // GraphQL API: requests that cannot be executed (answered in the GraphQL error shape); the
  // messages are Stargate's where it has one (GA/web/resources/*.java).
  GRAPHQL_QUERY_MISSING_IN_URL: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'You must provide a GraphQL query as a URL parameter',
  },
  GRAPHQL_QUERY_MISSING: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'You must provide a GraphQL query, either as a query parameter or in the request body',
  },
  GRAPHQL_QUERY_MISSING_IN_BODY: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'You must provide a GraphQL query in the request body',
  },
  GRAPHQL_QUERY_TWICE: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: "You can't provide a GraphQL query both as a query parameter and in the request body",
  },
  GRAPHQL_VARIABLES_UNPARSABLE: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'Could not parse variables: {detail}',
  },
  GRAPHQL_REQUEST_INVALID: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, message: '{detail}' },
  GRAPHQL_CONTENT_TYPE_UNSUPPORTED: {
    http: 415,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: "Unsupported content type '{type}': use application/json or application/graphql",
  },
  GRAPHQL_KEYSPACE_NAME_INVALID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'Invalid keyspace name',
  },
  GRAPHQL_KEYSPACE_UNKNOWN: {
    http: 404,
    grpc: GrpcStatus.NOT_FOUND,
    message: "Unknown keyspace '{keyspace}'",
  },
  GRAPHQL_NO_DEFAULT_KEYSPACE: {
    http: 404,
    grpc: GrpcStatus.NOT_FOUND,
    message: 'No default keyspace defined',
  },
  GRAPHQL_SCHEMA_NOT_DEPLOYED: {
    http: 404,
    grpc: GrpcStatus.NOT_FOUND,
    message: "No deployed schema for keyspace '{keyspace}'{version}",
  },
  GRAPHQL_MULTIPART_INVALID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'Invalid multipart request: {detail}',
  },
  // REST API v2: Stargate's messages where it has one (RA/service/resources/*Impl.java).
  REST_KEYSPACE_NOT_FOUND: {
    http: 400,
    grpc: GrpcStatus.NOT_FOUND,
    message: "Keyspace '{keyspace}' not found",
  },
  REST_KEYSPACE_NOT_DESCRIBED: {
    http: 404,
    grpc: GrpcStatus.NOT_FOUND,
    message: "Unable to describe keyspace '{keyspace}'",
  },
  REST_TABLE_NOT_FOUND: {
    http: 400,
    grpc: GrpcStatus.NOT_FOUND,
    message: "Table '{table}' not found (in keyspace '{keyspace}')",
  },
  REST_TABLE_NOT_DESCRIBED: {
    http: 404,
    grpc: GrpcStatus.NOT_FOUND,
    message: "Table '{table}' not found (in keyspace {keyspace})",
  },
  REST_COLUMN_NOT_FOUND: {
    http: 404,
    grpc: GrpcStatus.NOT_FOUND,
    message: "Column '{column}' not found in table '{table}'",
  },
  REST_COLUMN_NOT_IN_TABLE: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: "Column '{column}' not found in table '{table}'",
  },
  REST_UDT_NOT_FOUND: {
    http: 404,
    grpc: GrpcStatus.NOT_FOUND,
    message: "No definition found for UDT '{type}' (keyspace '{keyspace}')",
  },
  REST_ROW_INVALID: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, message: '{detail}' },
  REST_PATH_INVALID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'Invalid path for row to {action}, problem: {detail}',
  },
  REST_WHERE_INVALID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: "Invalid 'where' parameter, problem: {detail}",
  },
  REST_WHERE_NEEDS_FILTERING: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message:
      "Invalid 'where' parameter, problem: {detail}. Cassandra would have to scan and filter the whole table (ALLOW FILTERING), which the REST API never does: restrict the full partition key with $eq or $in, or filter on columns that have an index",
  },
  REST_SORT_INVALID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: "Invalid 'sort' parameter, problem: {detail}",
  },
  REST_FIELDS_INVALID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: "Invalid 'fields' parameter, problem: {detail}",
  },
  // `ttl` / `timestamp` on a row write (rest/src/parse/write-options.ts).
  REST_WRITE_OPTION_INVALID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: "Invalid '{parameter}' parameter, problem: {detail}",
  },
  REST_PAGE_STATE_INVALID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: "Invalid 'page-state' parameter: {detail}",
  },
  REST_BULK_TOO_MANY_ROWS: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'A bulk insert takes at most {max} rows; this request has {count}',
  },
  REST_DATACENTERS_INVALID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'Bad request: one or more of datacenters passed ({datacenters}) invalid',
  },
  REST_UDT_ALREADY_EXISTS: { http: 400, grpc: GrpcStatus.ALREADY_EXISTS, message: 'Bad request: {detail}' },
  REST_CQL_BODY_REQUIRED: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'CQL query body required',
  },
  REST_CQL_DISABLED: {
    http: 404,
    grpc: GrpcStatus.UNIMPLEMENTED,
    message: 'POST /v2/cql is disabled: start the REST API with REST_CQL_ENABLED=true to use it',
  },
  // Document API v2: Stargate's names and messages (DA/api/exception/ErrorCode.java and the
  // custom messages its services pass); the DOCS_* codes after them are ours.
  DATASTORE_KEYSPACE_DOES_NOT_EXIST: {
    http: 404,
    grpc: GrpcStatus.NOT_FOUND,
    message: 'Unknown namespace {namespace}, you must create it first.',
  },
  DATASTORE_TABLE_DOES_NOT_EXIST: {
    http: 404,
    grpc: GrpcStatus.NOT_FOUND,
    message: "Collection '{collection}' not found.",
  },
  DATASTORE_TABLE_NAME_INVALID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message:
      'Could not create collection {collection}, it has invalid characters. Valid characters are alphanumeric and underscores.',
  },
  DOCS_API_GENERAL_ARRAY_LENGTH_EXCEEDED: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'Max array length of {max} exceeded.',
  },
  DOCS_API_GENERAL_DEPTH_EXCEEDED: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'Max depth of {max} exceeded.',
  },
  DOCS_API_GENERAL_FIELDS_INVALID: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, message: '{detail}' },
  DOCS_API_GENERAL_INVALID_FIELD_NAME: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, message: '{detail}' },
  DOCS_API_GENERAL_PAGE_SIZE_EXCEEDED: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'The parameter `page-size` is limited to {max}.',
  },
  DOCS_API_GENERAL_UPGRADE_INVALID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'The collection cannot be upgraded in given manner.',
  },
  DOCS_API_GENERAL_TABLE_NOT_A_COLLECTION: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message:
      'The database table {namespace}.{collection} is not a Documents collection. Accessing arbitrary tables via the Documents API is not permitted.',
  },
  DOCS_API_INVALID_BUILTIN_FUNCTION: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, message: '{detail}' },
  DOCS_API_GET_MULTIPLE_FIELD_CONDITIONS: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'Conditions across multiple fields are not yet supported. Found: {count}.',
  },
  DOCS_API_GET_CONDITION_FIELDS_NOT_REFERENCED: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'When selecting `fields`, the field referenced by `where` must be in the selection.',
  },
  DOCS_API_ARRAY_POP_OUT_OF_BOUNDS: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'No data available to pop.',
  },
  DOCS_API_PATCH_ARRAY_NOT_ACCEPTED: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'A patch operation must be done with a JSON object, not an array.',
  },
  DOCS_API_PATCH_EMPTY_NOT_ACCEPTED: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'A patch operation must be done with a non-empty JSON object.',
  },
  DOCS_API_PUT_PAYLOAD_INVALID: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, message: '{detail}' },
  DOCS_API_SEARCH_WHERE_JSON_INVALID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'The `where` parameter expects a valid JSON object representing search criteria.',
  },
  DOCS_API_SEARCH_FIELDS_JSON_INVALID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'The `fields` parameter expects a valid JSON array containing field names.',
  },
  DOCS_API_SEARCH_FILTER_INVALID: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, message: '{detail}' },
  DOCS_API_SEARCH_ARRAY_PATH_INVALID: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, message: '{detail}' },
  DOCS_API_SEARCH_OBJECT_REQUIRED: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'Search was expecting a JSON object as input.',
  },
  DOCS_API_JSON_SCHEMA_INVALID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'The provided JSON schema is invalid or malformed: {detail}',
  },
  DOCS_API_JSON_SCHEMA_DOES_NOT_EXIST: {
    http: 404,
    grpc: GrpcStatus.NOT_FOUND,
    message: 'The JSON schema is not set for the collection.',
  },
  DOCS_API_JSON_SCHEMA_INVALID_PARTIAL_UPDATE: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message:
      'When a collection has a JSON schema, partial updates of documents are disallowed for performance reasons.',
  },
  DOCS_API_INVALID_JSON_VALUE: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, message: '{detail}' },
  DOCS_API_WRITE_BATCH_NOT_ARRAY: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'The payload for the batched document write must be a JSON array.',
  },
  DOCS_API_WRITE_BATCH_DUPLICATE_ID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'Found duplicate ID {id} in more than one document when doing batched document write.',
  },
  DOCS_API_WRITE_BATCH_INVALID_ID_PATH: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, message: '{detail}' },
  DOCS_API_INVALID_TTL_NUMBER: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'TTL on a full document must be a positive integer',
  },
  DOCS_API_INVALID_TTL_AUTO: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: "TTL on a sub-document must be set to 'auto'",
  },
  DOCS_NAMESPACE_ALREADY_EXISTS: {
    http: 409,
    grpc: GrpcStatus.ALREADY_EXISTS,
    message: 'Create failed: namespace {namespace} already exists.',
  },
  DOCS_COLLECTION_ALREADY_EXISTS: {
    http: 409,
    grpc: GrpcStatus.ALREADY_EXISTS,
    message: 'Create failed: collection {collection} already exists.',
  },
  DOCS_STARGATE_COLLECTION_NOT_MIGRATED: {
    http: 409,
    grpc: GrpcStatus.FAILED_PRECONDITION,
    message:
      "The collection {collection} is stored in Stargate's document layout and is not migrated yet{progress}. Migrate it with: {command}",
  },
  DOCS_DOCUMENT_NOT_FOUND: { http: 404, grpc: GrpcStatus.NOT_FOUND, message: '{detail}' },
  DOCS_REQUEST_INVALID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'Request invalid: {detail}.',
  },
  DOCS_DOCUMENT_TOO_MANY_LEAVES: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message:
      'The document holds more than {max} leaf values (scalars, nulls, empty objects and arrays), the limit of one document.',
  },
  DOCS_PATH_TOO_LONG: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'The path {path} is longer than the limit of {max} bytes.',
  },
  DOCS_PAGE_STATE_INVALID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message:
      'The `page-state` is invalid: it was not issued for this search (same collection, where, fields and sort) or it was modified.',
  },
  DOCS_SORT_INVALID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message:
      'The `sort` parameter expects a JSON object of field paths to 1 or -1, e.g. {"price": -1}: {detail}',
  },
  DOCS_SORT_TOO_MANY_RESULTS: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message:
      'A sorted search reads every matching document and is limited to {max} of them; narrow the `where` or leave out `sort`.',
  },
  // Vector search in the Document API (issue 21).
  DOCS_VECTOR_DECLARATION_INVALID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message:
      'Invalid `vector` of the collection: {detail}. Expected {"dimension": 1 to 8192, "metric": "cosine", "dot_product" or "euclidean"}.',
  },
  DOCS_VECTOR_NOT_DECLARED: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message:
      'The collection {collection} declares no vector, so its documents cannot carry `$vector` nor be sorted by it; create a collection with {"name": …, "vector": {"dimension": n, "metric": "cosine"}} for that.',
  },
  DOCS_VECTOR_INVALID: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message: 'Invalid {what}: {detail}.',
  },
  DOCS_VECTOR_SORT_NOT_PAGED: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message:
      'A search sorted by `$vector` answers the `page-size` nearest documents in one page and cannot be paged: leave out `page-state` and raise `page-size` for more results.',
  },
  DOCS_VECTOR_WHERE_TOO_BROAD: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    message:
      'Too few of the {candidates} nearest documents match the `where`, and it matches more than {max} documents, too many to score exactly; narrow the `where`.',
  },
  INTERNAL: { http: 500, grpc: GrpcStatus.INTERNAL, message: 'Internal server error' },
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof errorCodes;
