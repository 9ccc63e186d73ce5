// Query parameters documented as what the server accepts, while their handlers parse them (so that
// refusals carry Stargate's codes and messages). A JSON-valued parameter (`where`, `sort`, …) is
// documented as OpenAPI `content: application/json` with the schema of its parsed value
// (@fastify/swagger's x-consume); a handler-parsed one (Docs' page-size, ttl) with its real type and
// bounds. Both arrive as text: the request validators check them as strings (validatedQuerystring),
// the OpenAPI transform drops our marker (documentedQuerystring).

/** Marks a querystring property that is checked by its handler, not by the schema validator. */
const HANDLER_PARSED = 'x-parsed-by-handler';
const JSON_CONTENT = 'x-consume';

type Schema = Record<string, unknown>;

/** A parameter whose value is JSON text of the given schema. */
export function jsonQueryParameter(description: string, parsed: Schema): Schema {
  return { ...parsed, description, [JSON_CONTENT]: 'application/json' };
}

/** A parameter documented with its type and bounds, checked by its handler from the text. */
export function handlerParsedParameter(schema: Schema): Schema {
  return { ...schema, [HANDLER_PARSED]: true };
}

/** The schema a validator compiles: JSON-valued and handler-parsed properties are plain strings. */
export function validatedQuerystring<S>(schema: S): S {
  return mapProperties(schema, (property) =>
    property[JSON_CONTENT] || property[HANDLER_PARSED] ? stringLike(property) : property,
  );
}

/** The schema the OpenAPI document shows: without our marker. */
export function documentedQuerystring<S>(schema: S): S {
  return mapProperties(schema, (property) => {
    if (!property[HANDLER_PARSED]) return property;
    const { [HANDLER_PARSED]: _marker, ...documented } = property;
    return documented;
  });
}

function stringLike(property: Schema): Schema {
  return property.description === undefined
    ? { type: 'string' }
    : { type: 'string', description: property.description };
}

function mapProperties<S>(schema: S, map: (property: Schema) => Schema): S {
  const properties = (schema as { properties?: Record<string, Schema> } | undefined)?.properties;
  if (!properties || typeof properties !== 'object') return schema;
  let changed = false;
  const mapped: Record<string, Schema> = {};
  for (const [name, property] of Object.entries(properties)) {
    mapped[name] = property && typeof property === 'object' ? map(property) : property;
    if (mapped[name] !== property) changed = true;
  }
  return changed ? ({ ...schema, properties: mapped } as S) : schema;
}
