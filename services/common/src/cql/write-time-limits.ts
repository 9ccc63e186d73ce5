// Bounds of a write's TTL and timestamp as the HTTP APIs accept them. Cassandra refuses a TTL
// above 20 years ("ttl is too large") and below 0; TTL 0 means the cells never expire (it also
// overrides the table's default_time_to_live). Cassandra takes any 64-bit timestamp but the
// lowest; the gateway accepts 0 (the epoch) to 2^53 - 1 µs (year 2255), the integers a JSON
// number, and so an OpenAPI bound, holds exactly.
export const MAX_TTL_SECONDS = 630_720_000;
export const MAX_TIMESTAMP_MICROS = Number.MAX_SAFE_INTEGER;
