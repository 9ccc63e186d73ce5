import { describe, expect, it } from 'vitest';
import {
  decodePageState,
  encodePageState,
  searchFingerprint,
} from '../../../../services/docs/src/search/page-state.js';

describe('page states', () => {
  const fingerprint = searchFingerprint(['ks', 'coll', 'search', '{"a":{"$eq":1}}']);

  it('round-trips positions bound to their search', () => {
    const scan = {
      kind: 'scan' as const,
      driver: 1,
      pagingState: 'AAEC',
      fetchSize: 40,
      skip: 3,
      lastKey: 'doc-7',
    };
    expect(decodePageState(encodePageState(fingerprint, scan), fingerprint)).toEqual(scan);
    const offset = { kind: 'offset' as const, offset: 20 };
    expect(decodePageState(encodePageState(fingerprint, offset), fingerprint)).toEqual(offset);
  });

  it('refuses states of other searches, garbage and malformed positions', () => {
    const other = searchFingerprint(['ks', 'coll', 'search', '{"a":{"$eq":2}}']);
    const state = encodePageState(other, { kind: 'offset', offset: 3 });
    expect(() => decodePageState(state, fingerprint)).toThrow(/page-state` is invalid/);
    expect(() => decodePageState('%%%not-base64', fingerprint)).toThrow(/page-state` is invalid/);
    const bad = Buffer.from(
      JSON.stringify({ f: fingerprint, kind: 'scan', driver: -1, skip: 0, fetchSize: 1 }),
    ).toString('base64url');
    expect(() => decodePageState(bad, fingerprint)).toThrow(/page-state` is invalid/);
  });
});
