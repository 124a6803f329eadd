import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { slowStartBatch } from './slow-start.ts';

describe('slowStartBatch', () => {
  const cases = [
    { name: 'all succeed', count: 10, failFrom: Infinity, want: { calls: 10, successes: 10, error: false } },
    { name: 'first call fails: one call only', count: 10, failFrom: 1, want: { calls: 1, successes: 0, error: true } },
    { name: 'fails in the third batch (1+2+4): that batch runs, the rest is skipped', count: 10, failFrom: 5, want: { calls: 7, successes: 4, error: true } },
    { name: 'last batch is what remains', count: 5, failFrom: Infinity, want: { calls: 5, successes: 5, error: false } },
    { name: 'nothing to do', count: 0, failFrom: Infinity, want: { calls: 0, successes: 0, error: false } },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      let calls = 0;
      const r = await slowStartBatch(c.count, 1, async () => { if (++calls >= c.failFrom) throw new Error('quota'); });
      assert.deepEqual({ calls, successes: r.successes, error: !!r.error }, c.want);
    });
  }
});
