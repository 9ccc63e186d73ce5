// What a deploy reports about a schema: messages with the line and column they refer to in the
// SDL the user sent (Stargate's Log {message, category, locations}). Errors stop the deploy and
// come back as one GraphQL error whose extensions.mappingErrors lists them all.
import { type ASTNode, type GraphQLError, getLocation } from '../graphql-js.js';
import { ValueError } from '../translate/graphql-values.js';

export interface SourceLocation {
  line: number;
  column: number;
}

export type LogCategory = 'INFO' | 'WARNING' | 'ERROR';

export interface MappingMessage {
  message: string;
  category: LogCategory;
  locations: SourceLocation[];
}

export function messageAt(category: LogCategory, message: string, node?: ASTNode | null): MappingMessage {
  const loc = node?.loc;
  return { message, category, locations: loc ? [getLocation(loc.source, loc.start)] : [] };
}

export function fromGraphqlError(error: GraphQLError): MappingMessage {
  return {
    message: error.message,
    category: 'ERROR',
    locations: (error.locations ?? []).map(({ line, column }) => ({ line, column })),
  };
}

/**
 * A schema that cannot be deployed. graphql-js copies `extensions` onto the GraphQL error, and the
 * HTTP layer sends `mappingErrors` along (a ValueError: the code is BAD_USER_INPUT).
 */
export class SchemaMappingError extends ValueError {
  readonly extensions: { mappingErrors: MappingMessage[] };

  constructor(
    readonly summary: string,
    readonly errors: MappingMessage[],
  ) {
    super(`${summary} ${errors.map(describe).join('; ')}`);
    this.name = 'SchemaMappingError';
    this.extensions = { mappingErrors: errors };
  }
}

function describe(m: MappingMessage): string {
  const at = m.locations[0];
  return at ? `[${at.line}:${at.column}] ${m.message}` : m.message;
}
