// UUIDs: the proto carries 16 big-endian bytes, users write the 8-4-4-4-12 hex form.
const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isUuidString(text: string): boolean {
  return UUID_PATTERN.test(text);
}

export function uuidToBytes(text: string): Buffer | undefined {
  return isUuidString(text) ? Buffer.from(text.replace(/-/g, ''), 'hex') : undefined;
}

export function uuidFromBytes(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Version 1 (time-based) UUIDs are the only ones a timeuuid column takes. */
export function isTimeUuid(text: string): boolean {
  return isUuidString(text) && text[14] === '1';
}
