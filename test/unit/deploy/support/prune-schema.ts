// Cuts a schema down to the parts one object can reach: properties the object does not set are
// dropped (additionalProperties and `required` stay, so unknown and missing fields are still
// errors). Compiling the whole K8ssandraCluster schema costs seconds per test process; the
// pruned one, milliseconds, with the same verdict for that object.
type Schema = Record<string, unknown>;

/** The union of every key and item seen in a value: what the schema must still describe. */
interface Shape {
  keys?: Map<string, Shape>;
  items?: Shape;
}

export function pruneSchema(schema: Schema, data: unknown): Schema {
  return prune(schema, shapeOf(data));
}

function prune(schema: Schema, shape: Shape): Schema {
  const out: Schema = { ...schema };
  if (schema.properties) {
    const properties: Record<string, Schema> = {};
    for (const [key, child] of Object.entries(schema.properties as Record<string, Schema>)) {
      const childShape = shape.keys?.get(key);
      if (childShape) properties[key] = prune(child, childShape);
    }
    out.properties = properties;
  }
  if (schema.items) out.items = prune(schema.items as Schema, shape.items ?? {});
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    out.additionalProperties = prune(
      schema.additionalProperties as Schema,
      mergeShapes([...(shape.keys?.values() ?? [])]),
    );
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (schema[key]) out[key] = (schema[key] as Schema[]).map((s) => prune(s, shape));
  }
  return out;
}

function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) return { items: mergeShapes(value.map(shapeOf)) };
  if (value !== null && typeof value === 'object') {
    return { keys: new Map(Object.entries(value).map(([key, child]) => [key, shapeOf(child)])) };
  }
  return {};
}

function mergeShapes(shapes: Shape[]): Shape {
  const merged: Shape = {};
  for (const shape of shapes) {
    if (shape.keys) {
      merged.keys ??= new Map();
      for (const [key, child] of shape.keys) {
        const existing = merged.keys.get(key);
        merged.keys.set(key, existing ? mergeShapes([existing, child]) : child);
      }
    }
    if (shape.items) merged.items = merged.items ? mergeShapes([merged.items, shape.items]) : shape.items;
  }
  return merged;
}
