// The UTC time of day of an instant, HH:MM:SS.mmm: how the fault suite's log lines and stale-read
// reports name a moment, so they line up with each other and with Cassandra's logs.
export function utcTimeOfDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(11, 23);
}
