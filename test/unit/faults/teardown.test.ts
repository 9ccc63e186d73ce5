// The run's teardown: last registered first, once however often asked, and one failure stops nothing else.
import { describe, expect, it } from 'vitest';
import { Teardown } from '../../../test/faults/teardown.js';

describe('Teardown', () => {
  it('runs every action once, last registered first, past a failing one', async () => {
    const lines: string[] = [];
    const ran: string[] = [];
    const teardown = new Teardown((line) => lines.push(line));
    teardown.add('cluster', async () => {
      ran.push('cluster');
    });
    teardown.add('services', async () => {
      ran.push('services');
      throw new Error('a process would not stop');
    });
    await Promise.all([teardown.run(), teardown.run()]);
    await teardown.run();
    expect(ran).toEqual(['services', 'cluster']);
    expect(lines).toEqual(['teardown: services failed: a process would not stop']);
  });
});
