// npm run jwt-dev -- --role <cassandra role> [--claim column=value ...] [--port 30080]
// Serves a JWKS on 127.0.0.1 and prints a JWT signed with its key, so the JWT tour of the README
// runs without an identity provider: point the bridge at the printed BRIDGE_JWT_* settings. The
// key lives as long as this process: stop it (Ctrl-C) and its tokens no longer verify.
import { parseArgs } from 'node:util';
import { LocalJwks, stargateClaims } from './local-jwks.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    claim: { type: 'string', multiple: true, default: [] },
    port: { type: 'string', default: '30080' },
    issuer: { type: 'string', default: 'http://127.0.0.1/local-dev' },
    audience: { type: 'string', default: 'stargate' },
    'expires-in': { type: 'string', default: '3600' },
  },
});
if (!values.role) {
  console.error('usage: npm run jwt-dev -- --role <role> [--claim column=value ...] [--port 30080]');
  process.exit(2);
}
const columns: Record<string, string> = {};
for (const claim of values.claim) {
  const eq = claim.indexOf('=');
  if (eq <= 0) {
    console.error(`--claim ${claim}: expected column=value`);
    process.exit(2);
  }
  columns[claim.slice(0, eq)] = claim.slice(eq + 1);
}
const jwks = new LocalJwks(values.issuer, values.audience);
await jwks.newKey();
const url = await jwks.listen(Number(values.port));
const token = await jwks.sign(stargateClaims(values.role, columns), {
  expiresIn: Number(values['expires-in']),
});
console.error(`JWKS at ${url} (stop with Ctrl-C). Bridge settings:`);
console.error(
  `  BRIDGE_JWT_JWKS_URL=${url} BRIDGE_JWT_ISSUER=${values.issuer} BRIDGE_JWT_AUDIENCE=${values.audience}`,
);
console.log(token);
const stop = () => void jwks.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
