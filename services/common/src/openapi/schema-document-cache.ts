// Generated per-keyspace OpenAPI documents (REST keyspaces, Docs namespaces), kept as JSON text per
// tenant and keyspace with the schema hash they were built from: a document is rebuilt only when
// the keyspace's description hash changes. Bounded like every cache, in count and in characters.
import { BoundedCache } from '../cache/bounded-cache.js';
import { tenantScopedKey } from '../tenancy/tenant-context.js';

interface Built {
  hash: number;
  text: string;
}

/** Documents kept (least recently used goes first). */
const MAX_DOCUMENTS = 200;
/**
 * Characters of documents kept: a keyspace of a few hundred wide tables has a document of megabytes,
 * so 200 of them could outgrow the process's heap. A larger document is built again when asked.
 */
export const MAX_DOCUMENT_CHARS = 8 * 1024 * 1024;

export class SchemaDocumentCache {
  private readonly documents = new BoundedCache<string, Built>({
    maxEntries: MAX_DOCUMENTS,
    maxChars: MAX_DOCUMENT_CHARS,
    charsOf: (built, key) => built.text.length + key.length,
  });

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
