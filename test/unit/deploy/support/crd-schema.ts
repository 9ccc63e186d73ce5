// Turns a CRD's structural openAPIV3Schema into a strict JSON Schema for ajv, the way the API
// server with kubectl's strict field validation reads it:
// - an object with `properties` rejects other keys, unless x-kubernetes-preserve-unknown-fields;
// - x-kubernetes-preserve-unknown-fields on a non-object (CassandraDatacenter spec.config is
//   typed string upstream but installed free-form) accepts anything;
// - x-kubernetes-int-or-string is integer or string; `nullable` adds null;
// - x-kubernetes-list-type set/map forbid duplicates; x-kubernetes-validations run cel-rules.ts;
// - descriptions go, and formats ajv-formats does not know (int32, byte, ...) are ignored.
type Schema = Record<string, unknown>;

const checkedFormats = new Set([
  'date-time',
  'date',
  'time',
  'uri',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uuid',
]);
const dropped = new Set([
  'description',
  'example',
  'x-kubernetes-map-type',
  'x-kubernetes-embedded-resource',
]);

export function strictSchema(node: Schema): Schema {
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (dropped.has(key) || key === 'x-kubernetes-preserve-unknown-fields') continue;
    switch (key) {
      case 'properties':
        out.properties = Object.fromEntries(
          Object.entries(value as Record<string, Schema>).map(([name, child]) => [name, strictSchema(child)]),
        );
        break;
      case 'items':
      case 'not':
        out[key] = strictSchema(value as Schema);
        break;
      case 'additionalProperties':
        out[key] = typeof value === 'object' ? strictSchema(value as Schema) : value;
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        out[key] = (value as Schema[]).map(strictSchema);
        break;
      case 'format':
        if (checkedFormats.has(value as string)) out.format = value;
        break;
      case 'pattern':
        out.pattern = toJsPattern(value as string);
        break;
      case 'nullable':
      case 'x-kubernetes-int-or-string':
        break;
      case 'x-kubernetes-list-type':
        if (value === 'set') out.uniqueItems = true;
        break;
      default:
        out[key] = value;
    }
  }
  if (node['x-kubernetes-int-or-string'] === true && !out.anyOf) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (preserve && out.type !== undefined && out.type !== 'object') {
    delete out.type;
    delete out.format;
  }
  if (out.properties && out.additionalProperties === undefined && !preserve) out.additionalProperties = false;
  if (node.nullable === true) return { anyOf: [out, { type: 'null' }] };
  return out;
}

/** Go's RE2 allows a leading (?i); JavaScript has no inline flags, so spell both cases out. */
function toJsPattern(pattern: string): string {
  const match = /^(\^?)\(\?i\)(.*)$/.exec(pattern);
  if (!match) return pattern;
  if (/[\\[]/.test(match[2]!)) throw new Error(`cannot translate case-insensitive pattern ${pattern}`);
  const body = match[2]!.replace(/[a-zA-Z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
  return `${match[1]}${body}`;
}
