// A client's token as the key of the caches that remember tokens (valid, refused, in flight, rate
// buckets). A token is whatever the client sends: a 36-character UUID from /v1/auth, a JWT of a
// few KB, or anything up to the 16 KB header limit. The caches count entries, not bytes, so keyed
// by the token itself they held up to their bound × 16 KB: 8,500 requests with random 15 KB
// tokens made the REST API die of heap exhaustion under its 160 MiB cap, before any of them was
// authenticated. A long token is keyed by its SHA-256 instead; the two kinds of key never meet
// (a short token cannot pose as the hash of a long one).
import { createHash } from 'node:crypto';

/** Longest token used as its own key; UUIDs and short opaque tokens stay readable and cost no hash. */
const LONGEST_PLAIN = 128;

export function tokenKey(token: string): string {
  if (token.length <= LONGEST_PLAIN) return `=${token}`;
  return `#${createHash('sha256').update(token).digest('base64url')}`;
}
