// Top self-time functions and modules of one or more .cpuprofile files (from `npm run bench --
// --profile <service>`, or any `node --cpu-prof` run).
//   npx tsx bench/profile-summary.ts bench/results/profiles/<file>.cpuprofile [--top 30]
import { parseArgs } from 'node:util';
import { formatProfileSummary, summarizeProfile } from './lib/cpu-profile.js';

const { values, positionals } = parseArgs({
  options: { top: { type: 'string', default: '25' } },
  allowPositionals: true,
});
if (positionals.length === 0) {
  console.error('usage: npx tsx bench/profile-summary.ts <file.cpuprofile>... [--top N]');
  process.exit(2);
}
const top = Number(values.top);
for (const file of positionals) {
  console.log(formatProfileSummary(summarizeProfile(file, top), top));
  console.log('');
}
