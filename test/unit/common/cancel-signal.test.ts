import { describe, expect, it } from 'vitest';
import { CancelSource } from '../../../services/common/src/bridge/cancel-signal.js';

describe('CancelSource', () => {
  it('calls each listener still registered once, on the first abort only', () => {
    const source = new CancelSource();
    const calls: string[] = [];
    const removed = () => calls.push('removed');
    source.signal.addEventListener('abort', () => calls.push('a'), { once: true });
    source.signal.addEventListener('abort', removed);
    source.signal.addEventListener('abort', () => calls.push('b'));
    source.signal.removeEventListener('abort', removed);
    expect(source.signal.aborted).toBe(false);
    source.abort();
    source.abort();
    expect(source.signal.aborted).toBe(true);
    expect(calls).toEqual(['a', 'b']);
  });
});
