// Document writes: create, replace, replace or patch at a path, delete, batch. Every write checks
// the whole input first (limits, field names, JSON schema, ids) and then replaces the document in
// one single-partition batch, so bad input writes nothing and readers never see half a write.
// Partial updates read the document, change it in memory and write it whole, keeping its TTL.
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { DocsLimits } from '../config.js';
import { deleteAt, getAt, isObject, type Json, setAt } from '../document/json-tree.js';
import { checkDocumentLimits, checkDocumentRoot, normalizeDocument } from '../document/normalize-document.js';
import { type ConcreteSegment, isConcrete, parseFieldPath } from '../path/field-path.js';
import type { Collection, Collections } from '../schema/collections.js';
import { validateDocument } from '../schema/json-schema-validator.js';
import type { DocumentStore, StoredDocument } from '../storage/document-store.js';
import type { RequestContext } from '../storage/request-context.js';
import { type DocumentWithVector, documentVector } from '../vector/document-vector.js';

export interface WriterDeps {
  store: DocumentStore;
  collections: Collections;
  limits: DocsLimits;
}

export interface Target {
  namespace: string;
  collection: string;
}

export class DocumentWriter {
  constructor(private readonly deps: WriterDeps) {}

  /** POST a document: a new random id; the collection is created if needed. */
  async create(ctx: RequestContext, t: Target, body: Json, ttl?: number): Promise<string> {
    const existing = await this.findCollection(ctx, t);
    const { doc, vector } = this.wholeDocument(body, existing, t);
    const collection = existing ?? (await this.deps.collections.ensure(ctx, t.namespace, t.collection));
    const id = randomUUID();
    await this.deps.store.write(ctx, collection, id, doc, ttl, vector);
    return id;
  }

  /** PUT a whole document: replaces it (or creates it). */
  async replace(ctx: RequestContext, t: Target, id: string, body: Json, ttl?: number): Promise<void> {
    const existing = await this.findCollection(ctx, t);
    const { doc, vector } = this.wholeDocument(body, existing, t);
    const collection = existing ?? (await this.deps.collections.ensure(ctx, t.namespace, t.collection));
    await this.deps.store.write(ctx, collection, id, doc, ttl, vector);
  }

  /** PUT at a path: replaces the value there (creating the document and the path if needed). */
  async replaceAt(
    ctx: RequestContext,
    t: Target,
    id: string,
    path: ConcreteSegment[],
    body: Json,
  ): Promise<void> {
    const collection = await this.partialUpdateCollection(ctx, t);
    const value = normalizeDocument(body, this.deps.limits, path.length).value;
    const current = await this.deps.store.read(ctx, collection, id, true);
    const doc = setAt(current?.doc, path, value);
    checkDocumentLimits(doc, this.deps.limits);
    await this.writeChecked(ctx, collection, id, doc, current?.ttlSeconds);
  }

  /** PATCH: merges the object's keys into the object at the path (replacing what is not an object). */
  async patch(
    ctx: RequestContext,
    t: Target,
    id: string,
    path: ConcreteSegment[],
    body: Json,
  ): Promise<void> {
    if (Array.isArray(body)) throw new ApiError('DOCS_API_PATCH_ARRAY_NOT_ACCEPTED');
    if (!isObject(body)) {
      throw new ApiError('DOCS_API_PUT_PAYLOAD_INVALID', {
        detail:
          'Updating a key with just a JSON primitive is not allowed. Hint: update the parent path with a defined object instead.',
      });
    }
    if (Object.keys(body).length === 0) throw new ApiError('DOCS_API_PATCH_EMPTY_NOT_ACCEPTED');
    const collection = await this.partialUpdateCollection(ctx, t);
    const patch = normalizeDocument(body, this.deps.limits, path.length).value as Record<string, Json>;
    const current = await this.deps.store.read(ctx, collection, id, true);
    const target = current ? getAt(current.doc, path) : undefined;
    const merged = isObject(target) ? { ...target, ...patch } : patch; // spread defines own keys
    const doc = setAt(current?.doc, path, merged);
    checkDocumentLimits(doc, this.deps.limits);
    await this.writeChecked(ctx, collection, id, doc, current?.ttlSeconds);
  }

  /** DELETE a document or the value at a path (nothing to delete is not an error). */
  async delete(ctx: RequestContext, t: Target, id: string, path: ConcreteSegment[]): Promise<void> {
    const collection = await this.deps.collections.get(ctx, t.namespace, t.collection);
    if (path.length === 0) {
      await this.deps.store.delete(ctx, collection, id);
      return;
    }
    const current = await this.deps.store.read(ctx, collection, id, true);
    if (!current || getAt(current.doc, path) === undefined) return;
    await this.writeChecked(ctx, collection, id, deleteAt(current.doc, path), current.ttlSeconds);
  }

  /** POST …/batch: checks every document, then writes them; returns their ids in input order. */
  async batch(
    ctx: RequestContext,
    t: Target,
    body: Json,
    idPath: string | undefined,
    ttl?: number,
  ): Promise<string[]> {
    if (!Array.isArray(body)) throw new ApiError('DOCS_API_WRITE_BATCH_NOT_ARRAY');
    const existing = await this.findCollection(ctx, t);
    const idSegments = idPath === undefined ? undefined : this.idPathSegments(idPath);
    const seen = new Set<string>();
    const prepared = body.map((raw) => {
      const id = idSegments ? documentId(raw, idSegments, idPath!) : randomUUID();
      if (seen.has(id)) throw new ApiError('DOCS_API_WRITE_BATCH_DUPLICATE_ID', { id });
      seen.add(id);
      return { id, ...this.wholeDocument(raw, existing, t) };
    });
    const collection = existing ?? (await this.deps.collections.ensure(ctx, t.namespace, t.collection));
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < prepared.length; i = next++) {
        const { id, doc, vector } = prepared[i]!;
        await this.deps.store.write(ctx, collection, id, doc, ttl, vector);
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.deps.limits.batchWriteConcurrency, prepared.length) }, worker),
    );
    return prepared.map((p) => p.id);
  }

  /** The document for a read-modify-write function ($push, $pop, $set); undefined when missing. */
  async readForUpdate(
    ctx: RequestContext,
    t: Target,
    id: string,
    path: ConcreteSegment[],
  ): Promise<{ collection: Collection; current: StoredDocument } | undefined> {
    const collection = await this.deps.collections.get(ctx, t.namespace, t.collection);
    if (collection.jsonSchema !== undefined && path.length > 0) {
      throw new ApiError('DOCS_API_JSON_SCHEMA_INVALID_PARTIAL_UPDATE');
    }
    const current = await this.deps.store.read(ctx, collection, id, true);
    return current ? { collection, current } : undefined;
  }

  /** Writes the result of a function, keeping the document's TTL. */
  async writeUpdated(
    ctx: RequestContext,
    collection: Collection,
    id: string,
    doc: Json,
    ttlSeconds?: number,
  ): Promise<void> {
    checkDocumentLimits(doc, this.deps.limits);
    if (collection.jsonSchema !== undefined) validateDocument(collection.jsonSchema, doc);
    await this.writeChecked(ctx, collection, id, doc, ttlSeconds);
  }

  normalizeValue(value: Json, depth: number): Json {
    return normalizeDocument(value, this.deps.limits, depth).value;
  }

  private async findCollection(ctx: RequestContext, t: Target): Promise<Collection | undefined> {
    try {
      return await this.deps.collections.get(ctx, t.namespace, t.collection);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'DATASTORE_TABLE_DOES_NOT_EXIST') return undefined;
      throw err;
    }
  }

  /** Partial updates of a collection with a JSON schema are refused (Stargate: JsonSchemaManager). */
  private async partialUpdateCollection(ctx: RequestContext, t: Target): Promise<Collection> {
    const existing = await this.findCollection(ctx, t);
    if (existing?.jsonSchema !== undefined) throw new ApiError('DOCS_API_JSON_SCHEMA_INVALID_PARTIAL_UPDATE');
    return existing ?? this.deps.collections.ensure(ctx, t.namespace, t.collection);
  }

  /** A whole document checked: root, limits, `$vector` (against the collection's), JSON schema. */
  private wholeDocument(body: Json, collection: Collection | undefined, t: Target): DocumentWithVector {
    checkDocumentRoot(body);
    const checked = documentVector(
      normalizeDocument(body, this.deps.limits).value,
      collection?.vector,
      t.collection,
    );
    if (collection?.jsonSchema !== undefined) validateDocument(collection.jsonSchema, checked.doc);
    return checked;
  }

  /** Writes a document changed in memory, its `$vector` checked first. */
  private async writeChecked(
    ctx: RequestContext,
    collection: Collection,
    id: string,
    changed: Json,
    ttlSeconds: number | undefined,
  ): Promise<void> {
    const name = collection.migratedFrom ?? collection.table;
    const { doc, vector } = documentVector(changed, collection.vector, name);
    await this.deps.store.write(ctx, collection, id, doc, ttlSeconds, vector);
  }

  private idPathSegments(idPath: string): ConcreteSegment[] {
    const invalid = (detail: string) => new ApiError('DOCS_API_WRITE_BATCH_INVALID_ID_PATH', { detail });
    const path = parseFieldPath(idPath, this.deps.limits.maxArrayLength, invalid);
    if (!isConcrete(path.segments)) {
      throw invalid(`The id-path ${idPath} may not contain globs or alternatives. Batch write failed.`);
    }
    return path.segments;
  }
}

function documentId(doc: Json, path: ConcreteSegment[], idPath: string): string {
  const value = getAt(doc, path);
  if (value === undefined || value === null || typeof value === 'object') {
    const found = value === undefined ? 'missing node' : JSON.stringify(value);
    throw new ApiError('DOCS_API_WRITE_BATCH_INVALID_ID_PATH', {
      detail: `JSON document ${abbreviate(JSON.stringify(doc))} requires a scalar value at the path ${idPath} in order to resolve document ID, found ${found}. Batch write failed.`,
    });
  }
  return String(value);
}

function abbreviate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
