// A driver ResultSet → Stargate's ResultSet: column specs (unless skipped), rows, signed paging state.
import type cassandra from 'cassandra-driver';
import type { ColumnSpec } from '../../../common/src/proto/generated/stargate/ColumnSpec.js';
import type { ResultSet } from '../../../common/src/proto/generated/stargate/ResultSet.js';
import type { Row } from '../../../common/src/proto/generated/stargate/Row.js';
import { rawPageState } from '../cassandra/driver-internals.js';
import type { DriverType } from '../codecs/driver-types.js';
import { fromDriverValue } from '../codecs/from-driver-value.js';
import { typeSpecFromDriver } from '../codecs/type-spec-from-driver.js';

export function toResultSet(
  rs: cassandra.types.ResultSet,
  skipMetadata: boolean,
  signPagingState: (raw: Buffer) => Buffer,
): ResultSet {
  const columns = (rs.columns ?? []) as Array<{ name: string; type: DriverType }>;
  const rows: Row[] = new Array(rs.rows?.length ?? 0);
  const names = columns.map((c) => c.name);
  for (let r = 0; r < rows.length; r++) {
    const row = rs.rows[r] as unknown as Record<string, unknown>;
    const values = new Array(columns.length);
    for (let c = 0; c < columns.length; c++) values[c] = fromDriverValue(row[names[c]!], columns[c]!.type);
    rows[r] = { values };
  }
  const result: ResultSet = { rows };
  if (!skipMetadata) {
    result.columns = columns.map((c): ColumnSpec => ({ name: c.name, type: typeSpecFromDriver(c.type) }));
  }
  const raw = rawPageState(rs);
  if (raw && raw.length > 0) result.pagingState = { value: signPagingState(raw) };
  return result;
}
