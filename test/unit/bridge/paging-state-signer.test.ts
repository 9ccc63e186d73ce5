import { describe, expect, it } from 'vitest';
import { PagingStateSigner } from '../../../services/bridge/src/query/paging-state-signer.js';

describe('PagingStateSigner', () => {
  const signer = new PagingStateSigner('secret');
  const raw = Buffer.from('driver-paging-state');

  it('round-trips a state for the same query', () => {
    expect(signer.verify(signer.sign(raw, 'SELECT 1', 'ks'), 'SELECT 1', 'ks')).toEqual(raw);
  });

  it('refuses a modified state, another query or another keyspace', () => {
    const signed = signer.sign(raw, 'SELECT 1', 'ks');
    const tampered = Buffer.from(signed);
    tampered[0] = tampered[0]! ^ 1;
    expect(() => signer.verify(tampered, 'SELECT 1', 'ks')).toThrow('Invalid paging state');
    expect(() => signer.verify(signed, 'SELECT 2', 'ks')).toThrow('Invalid paging state');
    expect(() => signer.verify(signed, 'SELECT 1', 'other')).toThrow('Invalid paging state');
    expect(() => signer.verify(Buffer.from('x'), 'SELECT 1', 'ks')).toThrow('Invalid paging state');
  });

  it('accepts states signed by another replica with the same secret only', () => {
    const signed = signer.sign(raw, 'q', undefined);
    expect(new PagingStateSigner('secret').verify(signed, 'q', undefined)).toEqual(raw);
    expect(() => new PagingStateSigner('other').verify(signed, 'q', undefined)).toThrow();
  });
});
