// Names for per-file keyspaces: it_<feature>_<random>, valid unquoted CQL identifiers.
import { randomBytes } from 'node:crypto';

export function uniqueKeyspaceName(feature: string): string {
  return `it_${feature}_${randomBytes(4).toString('hex')}`.toLowerCase();
}
