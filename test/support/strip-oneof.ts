// Decoded proto messages name their oneof member in a virtual field (`inner`, `spec`, ...);
// inputs do not. Stripping those lets a test compare what came back with what was sent.
export function stripOneofNames(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripOneofNames);
  if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([k]) => k !== 'inner' && k !== 'spec')
        .map(([k, x]) => [k, stripOneofNames(x)]),
    );
  }
  return v;
}
