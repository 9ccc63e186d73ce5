// Drives one URL with autocannon and reports the latency of the accepted (2xx) responses apart
// from the refused ones (503/429), which come back at once and would hide the accepted tail in
// autocannon's own histogram. Responses of the first --skip seconds are not counted: a first request
// carries its connection's set-up, and 512 connections opened at once overflow the listen backlog
// (SYN retries of 1–3 s), which says nothing about steady state. Loopback only, bounded by --duration.
//   npx tsx tools/load/accepted-latency.ts <url> --connections 512 --duration 10 [--skip 2] [--header k=v]
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import hdr from 'hdr-histogram-js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    connections: { type: 'string', default: '32' },
    duration: { type: 'string', default: '10' },
    skip: { type: 'string', default: '2' },
    header: { type: 'string', multiple: true, default: [] },
  },
});
const url = positionals[0];
if (!url || !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) {
  throw new Error('usage: accepted-latency.ts http://127.0.0.1:<port>/<path> (loopback only)');
}
const headers = Object.fromEntries(values.header.map((h) => h.split('=', 2) as [string, string]));
const accepted = hdr.build({
  lowestDiscernibleValue: 1,
  highestTrackableValue: 120_000_000,
  numberOfSignificantValueDigits: 3,
});
const refused = new Map<number, number>();
const countFrom = Date.now() + Number(values.skip) * 1000;
let counted = 0;

const instance = autocannon({
  url,
  headers,
  connections: Number(values.connections),
  duration: Math.min(60, Number(values.duration)),
});
instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
  if (Date.now() < countFrom) return;
  counted++;
  if (status >= 200 && status < 300) accepted.recordValue(Math.max(1, Math.round(ms * 1000)));
  else refused.set(status, (refused.get(status) ?? 0) + 1);
});
const result = await instance;
const countedSeconds = Math.max(1, result.duration - Number(values.skip));
const us = (p: number) => (accepted.getValueAtPercentile(p) / 1000).toFixed(1);
console.log(
  JSON.stringify({
    connections: Number(values.connections),
    durationS: Number(values.duration),
    skippedS: Number(values.skip),
    counted,
    accepted: accepted.totalCount,
    acceptedPerSecond: Math.round(accepted.totalCount / countedSeconds),
    refused: Object.fromEntries(refused),
    errors: result.errors,
    timeouts: result.timeouts,
    acceptedP50Ms: Number(us(50)),
    acceptedP99Ms: Number(us(99)),
    acceptedMaxMs: Number((accepted.maxValue / 1000).toFixed(1)),
  }),
);
