// createIndex's indexOptions ([{key, value}]) → the options map of CREATE CUSTOM INDEX … WITH
// OPTIONS. Options belong to a custom index (indexType); each key once; similarity_function (an SAI
// vector index's) must name one of Cassandra's three functions, written as Cassandra spells them.
// Other keys go to Cassandra, which refuses the ones its index class does not know.
import {
  parseSimilarityFunction,
  SIMILARITY_FUNCTIONS,
  SIMILARITY_OPTION,
} from '../../../../common/src/cql/vector-search.js';
import { ValueError } from '../../translate/value-error.js';

export interface IndexOptionInput {
  key: string;
  value: string;
}

export function indexOptions(
  options: ReadonlyArray<IndexOptionInput | null> | null | undefined,
  indexType: string | undefined,
): Record<string, string> | undefined {
  if (!options || options.length === 0) return undefined;
  if (!indexType) {
    throw new ValueError(
      'indexOptions need a custom index: give indexType too (e.g. "StorageAttachedIndex")',
    );
  }
  const result: Record<string, string> = {};
  for (const option of options) {
    if (!option) continue;
    const given = option.key.trim();
    const isSimilarity = given.toLowerCase() === SIMILARITY_OPTION;
    const key = isSimilarity ? SIMILARITY_OPTION : given;
    if (key === '') throw new ValueError('indexOptions: an option key must not be empty');
    if (Object.hasOwn(result, key)) throw new ValueError(`indexOptions: the option ${key} is given twice`);
    result[key] = isSimilarity ? similarityFunction(option.value) : option.value;
  }
  return result;
}

function similarityFunction(value: string): string {
  const fn = parseSimilarityFunction(value.trim());
  if (!fn) {
    throw new ValueError(
      `indexOptions: ${SIMILARITY_OPTION} must be one of ${SIMILARITY_FUNCTIONS.join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return fn;
}
