import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Algorithm, numFeasibleNodesToFind } from './algorithm.ts';
import { SchedulerCache } from './cache.ts';
import { defaultProfile } from './profile.ts';
import { info, node, pod } from './testing.ts';

test('numFeasibleNodesToFind is adaptive', () => {
  const cases = [{ all: 50, want: 50 }, { all: 100, want: 100 }, { all: 200, want: 100 }, { all: 1000, want: 420 }, { all: 5000, want: 500 }, { all: 6000, want: 300 }, { all: 10000, want: 500 }];
  for (const tc of cases) assert.equal(numFeasibleNodesToFind(tc.all), tc.want, `${tc.all}`);
});

test('schedule: picks the least loaded node, reports statuses when nothing fits', () => {
  const c = new SchedulerCache();
  for (const n of ['a', 'b', 'c']) c.upsertNode(node(n));
  c.assume(info(pod('x', { cpu: '3' })), 'a');
  c.assume(info(pod('y', { cpu: '2' })), 'b');
  const algo = new Algorithm(defaultProfile(), () => 0);
  const d = algo.schedule(info(pod('p', { cpu: '500m' })), c);
  assert.deepEqual(d.ok && d.node, 'c');
  const big = algo.schedule(info(pod('big', { cpu: '5' })), c);
  assert.equal(big.ok, false);
  if (!big.ok) assert.deepEqual([...big.statuses.keys()].sort(), ['a', 'b', 'c']);
});

test('schedule: ties are broken by rand, and only sampled nodes are evaluated', () => {
  const c = new SchedulerCache();
  for (let i = 0; i < 1000; i++) c.upsertNode(node(`n${i}`));
  const picks = new Set<string>();
  let seed = 1;
  const algo = new Algorithm(defaultProfile(), (n) => { seed = (seed * 48271) % 2147483647; return seed % n; });
  for (let i = 0; i < 20; i++) {
    const d = algo.schedule(info(pod(`p${i}`)), c);
    assert.ok(d.ok);
    if (d.ok) { picks.add(d.node); assert.equal(d.evaluated, 420); }
  }
  assert.ok(picks.size > 10, `spread over ${picks.size} nodes`);
});
