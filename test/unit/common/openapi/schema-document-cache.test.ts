// The per-keyspace OpenAPI documents kept by the REST and Document APIs: rebuilt only when the
// schema hash changes, and bounded in characters as well as in count (a keyspace of a few hundred
// wide tables has a document of megabytes).
import { describe, expect, it } from 'vitest';
import {
  MAX_DOCUMENT_CHARS,
  SchemaDocumentCache,
} from '../../../../services/common/src/openapi/schema-document-cache.js';

/** A document whose JSON text is about `chars` characters. */
const documentOf = (chars: number) => ({ description: 'x'.repeat(chars) });

describe('SchemaDocumentCache', () => {
  it('builds a keyspace document once per schema hash', () => {
    const cache = new SchemaDocumentCache();
    let builds = 0;
    const build = () => {
      builds++;
      return documentOf(10);
    };
    expect(cache.text('ks', 1, build)).toBe(JSON.stringify(documentOf(10)));
    cache.text('ks', 1, build);
    expect(builds).toBe(1);
    cache.text('ks', 2, build);
    expect(builds).toBe(2);
  });

  it('keeps at most MAX_DOCUMENT_CHARS characters of documents: large ones push the oldest out', () => {
    const cache = new SchemaDocumentCache();
    const quarter = Math.floor(MAX_DOCUMENT_CHARS / 4);
    for (let i = 0; i < 10; i++) cache.text(`ks${i}`, 1, () => documentOf(quarter));
    // Four quarters plus their JSON framing do not fit: three documents are kept.
    expect(cache.size).toBe(3);
    let rebuilt = 0;
    cache.text('ks0', 1, () => {
      rebuilt++;
      return documentOf(quarter);
    });
    expect(rebuilt).toBe(1);
  });

  it('does not keep a document larger than the whole budget, and still answers it', () => {
    const cache = new SchemaDocumentCache();
    const text = cache.text('huge', 1, () => documentOf(MAX_DOCUMENT_CHARS));
    expect(text.length).toBeGreaterThan(MAX_DOCUMENT_CHARS);
    expect(cache.size).toBe(0);
  });
});
