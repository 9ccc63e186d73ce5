// The driver's eachRow as a promise: each row is handed over as it is decoded (the driver keeps
// none), and the promise settles with the result's metadata (columns, paging state, info).
import type cassandra from 'cassandra-driver';

export function streamRows(
  client: cassandra.Client,
  cql: string,
  params: unknown[],
  options: cassandra.QueryOptions,
  onRow: (row: cassandra.types.Row) => void,
): Promise<cassandra.types.ResultSet> {
  return new Promise((resolve, reject) =>
    client.eachRow(
      cql,
      params,
      options,
      (_n, row) => onRow(row),
      (err, rs) => (err ? reject(err) : resolve(rs)),
    ),
  );
}
