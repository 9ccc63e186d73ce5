// Reads and changes a rendered object at a dotted path ('spec.ports.0.port'), so tests can
// break one field on purpose without typing the whole Kubernetes schema.
type Container = Record<string, unknown> | unknown[];

export function getPath(object: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], object);
}

export function setPath(object: unknown, path: string, value: unknown): void {
  const { parent, key } = locate(object, path);
  (parent as Record<string, unknown>)[key] = value;
}

export function deletePath(object: unknown, path: string): void {
  const { parent, key } = locate(object, path);
  delete (parent as Record<string, unknown>)[key];
}

function locate(object: unknown, path: string): { parent: Container; key: string } {
  const keys = path.split('.');
  const key = keys.pop()!;
  const parent = keys.length > 0 ? getPath(object, keys.join('.')) : object;
  if (parent === null || typeof parent !== 'object') throw new Error(`no object at ${keys.join('.')}`);
  return { parent: parent as Container, key };
}
