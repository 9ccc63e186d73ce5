// blob: raw bytes in the proto, base64 text for users. Decoding is strict: Node's decoder silently
// skips characters outside the alphabet, which would store something other than what was sent.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

/** Standard or unpadded base64 → bytes; undefined when the text is not base64. */
export function base64ToBytes(text: string): Buffer | undefined {
  return BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
}

export function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
