// `fields`: a JSON array of paths to keep in returned documents (DocsApiUtils.convertFieldsToPaths).
import { ApiError } from '../../../common/src/errors/api-error.js';
import { type PathPattern, parseFieldPath } from '../path/field-path.js';

const invalid = (detail: string) => new ApiError('DOCS_API_GENERAL_FIELDS_INVALID', { detail });

export function parseFields(text: string | undefined, maxArrayLength: number): PathPattern[] | undefined {
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError('DOCS_API_SEARCH_FIELDS_JSON_INVALID');
  }
  if (!Array.isArray(json)) throw invalid(`\`fields\` must be a JSON array, found ${JSON.stringify(json)}`);
  return json.map((field) => {
    if (typeof field !== 'string')
      throw invalid(`Each field must be a string, found ${JSON.stringify(field)}`);
    if (field === '') {
      throw invalid('The `fields` must be a JSON array and each field must be a non-empty string.');
    }
    return parseFieldPath(field, maxArrayLength, invalid);
  });
}
