// What the Document API routes use, built once in app.ts.
import type { DocsConfig } from '../config.js';
import type { Collections } from '../schema/collections.js';
import type { Namespaces } from '../schema/namespaces.js';
import type { DocumentStore } from '../storage/document-store.js';
import type { DocumentWriter } from '../write/document-writer.js';

export interface DocsDeps {
  config: DocsConfig;
  namespaces: Namespaces;
  collections: Collections;
  store: DocumentStore;
  writer: DocumentWriter;
}
