// A request's value for one column → proto Value, with an error that names the column, the CQL
// type it expected and what it got.
import type { JsonInput } from '../../../common/src/codecs/json-codec.js';
import { JsonValueError, valueFromLooseJson, valueFromText } from '../../../common/src/codecs/json-value.js';
import type { Value } from '../../../common/src/proto/generated/stargate/Value.js';
import type { ColumnView } from '../../../common/src/schema/table-view.js';

/** A problem with the data of a request; the caller decides the code and message prefix. */
export class RowInputError extends Error {}

function explain(column: ColumnView, err: unknown): unknown {
  if (!(err instanceof JsonValueError)) return err;
  const at = err.path ? ` (at ${err.path.trim()})` : '';
  return new RowInputError(
    `Invalid value for column '${column.name}'${at}: expected ${err.expected}, got ${err.got}`,
  );
}

/** A body or `where` value: JSON strings are Stargate's stringified form, others must match the type. */
export function columnValue(column: ColumnView, json: JsonInput, compactMapData: boolean): Value {
  try {
    return valueFromLooseJson(column.codec(compactMapData), json);
  } catch (err) {
    throw explain(column, err);
  }
}

/** A URL path segment: the value's text form. */
export function columnValueFromText(column: ColumnView, text: string, compactMapData: boolean): Value {
  try {
    return valueFromText(column.codec(compactMapData), text);
  } catch (err) {
    throw explain(column, err);
  }
}

/** A nested JSON value (an element, key or map value), converted by the given part's codec. */
export function partValue(column: ColumnView, convert: () => Value): Value {
  try {
    return convert();
  } catch (err) {
    throw explain(column, err);
  }
}
