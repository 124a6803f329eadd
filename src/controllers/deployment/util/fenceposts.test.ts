import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maxSurge, maxUnavailable, resolveFenceposts, scaledValue } from './fenceposts.ts';
import { dep } from './fixtures.test-helpers.ts';

test('scaledValue: ints as is, percents of the total rounded as asked', () => {
  const cases = [
    { name: 'int', v: 3, total: 10, up: true, want: 3 },
    { name: '25% of 10 up', v: '25%', total: 10, up: true, want: 3 },
    { name: '25% of 10 down', v: '25%', total: 10, up: false, want: 2 },
    { name: '25% of 1 down', v: '25%', total: 1, up: false, want: 0 },
    { name: '25% of 1 up', v: '25%', total: 1, up: true, want: 1 },
    { name: '100%', v: '100%', total: 7, up: false, want: 7 },
    { name: 'int string', v: '2', total: 7, up: false, want: 2 },
  ];
  for (const c of cases) assert.equal(scaledValue(c.v, c.total, c.up), c.want, c.name);
  assert.throws(() => scaledValue('abc', 10, true), /invalid value/);
});

test('resolveFenceposts', () => {
  const cases: { name: string; input: [number | string, number | string, number]; want: [number, number] }[] = [
    { name: '10 replicas 25%/25%', input: ['25%', '25%', 10], want: [3, 2] },
    { name: '1 replica 0/25%: unavailable would round to 0, so 1', input: [0, '25%', 1], want: [0, 1] },
    { name: '1 replica 25%/25%', input: ['25%', '25%', 1], want: [1, 0] },
    { name: 'ints', input: [2, 0, 5], want: [2, 0] },
    { name: 'both zero → unavailable 1', input: [0, 0, 5], want: [0, 1] },
  ];
  for (const c of cases) assert.deepEqual(resolveFenceposts(...c.input), c.want, c.name);
});

test('maxSurge and maxUnavailable of a deployment', () => {
  const cases = [
    { name: 'rolling 10', d: dep(10), want: [3, 2] },
    { name: 'recreate', d: dep(10, 1, 1, 'Recreate'), want: [0, 0] },
    { name: 'unavailable capped at replicas', d: dep(2, 0, 5), want: [0, 2] },
    { name: 'zero replicas', d: dep(0, 1, 1), want: [1, 0] },
  ];
  for (const c of cases) assert.deepEqual([maxSurge(c.d), maxUnavailable(c.d)], c.want, c.name);
});
