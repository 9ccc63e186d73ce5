// A table description as the bridge sends it, for tests of the REST parsers and translators:
// CREATE TABLE ks.events (sensor text, day date, ts timestamp, value double, tags set<text>,
// attrs map<text, int>, note text, hits counter?, PRIMARY KEY ((sensor, day), ts)) — no counter;
// 'note' has an index.
import type { CqlTable__Output } from '../../../services/common/src/proto/generated/stargate/CqlTable.js';
import { TableView } from '../../../services/common/src/schema/table-view.js';

const basic = (n: number) => ({ basic: n as never });

export const eventsTable: CqlTable__Output = {
  name: 'events',
  partitionKeyColumns: [
    { name: 'sensor', type: basic(13) },
    { name: 'day', type: basic(17) },
  ],
  clusteringKeyColumns: [{ name: 'ts', type: basic(11) }],
  staticColumns: [],
  columns: [
    { name: 'attrs', type: { map: { key: basic(13), value: basic(9) } } },
    { name: 'note', type: basic(13) },
    { name: 'tags', type: { set: { element: basic(13) } } },
    { name: 'value', type: basic(7) },
  ],
  clusteringOrders: { ts: 1 as never },
  indexes: [{ name: 'note_idx', columnName: 'note' }],
  options: { default_time_to_live: '0' },
};

export const counterTable: CqlTable__Output = {
  name: 'hits',
  partitionKeyColumns: [{ name: 'page', type: basic(13) }],
  clusteringKeyColumns: [],
  columns: [{ name: 'count', type: basic(5) }],
};

export const events = new TableView('ks', eventsTable);
export const hits = new TableView('ks', counterTable);
