// Generated per-keyspace OpenAPI documents (REST keyspaces, Docs namespaces), kept as JSON text per
// tenant and keyspace with the schema hash they were built from: a document is rebuilt only when
// the keyspace's description hash changes. Bounded like every cache.
import { BoundedCache } from '../cache/bounded-cache.js';
import { tenantScopedKey } from '../tenancy/tenant-context.js';

interface Built {
  hash: number;
  text: string;
}

/** Documents kept (least recently used goes first). */
const MAX_DOCUMENTS = 200;

export class SchemaDocumentCache {
  private readonly documents = new BoundedCache<string, Built>({ maxEntries: MAX_DOCUMENTS });

  /** The keyspace's document for this schema hash: the cached text, or `build()` serialized once. */
  text(keyspace: string, hash: number, build: () => object): string {
    const key = tenantScopedKey(keyspace);
    const cached = this.documents.get(key);
    if (cached && cached.hash === hash) return cached.text;
    const text = JSON.stringify(build());
    this.documents.set(key, { hash, text });
    return text;
  }

  get size(): number {
    return this.documents.size;
  }
}
