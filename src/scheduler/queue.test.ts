import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../client/clock.ts';
import { SchedulingQueue } from './queue.ts';
import { pod } from './testing.ts';

function setup() {
  const clock = new FakeClock();
  const q = new SchedulingQueue(clock);
  const ac = new AbortController();
  q.run(ac.signal);
  return { clock, q, ac };
}

test('queue: priority first, then age', () => {
  const { q, clock, ac } = setup();
  q.add(pod('low'));
  clock.step(1);
  q.add(pod('high', { spec: { priority: 10 } }));
  clock.step(1);
  q.add(pod('low2'));
  assert.deepEqual([q.tryPop()?.key, q.tryPop()?.key, q.tryPop()?.key], ['default/high', 'default/low', 'default/low2']);
  ac.abort();
});

test('queue: errors back off 1 s, then 2 s, on the clock', () => {
  const { q, clock, ac } = setup();
  q.add(pod('p'));
  for (const wait of [1000, 2000, 4000]) {
    assert.equal(q.tryPop()?.key, 'default/p');
    q.failed('default/p', false);
    clock.step(wait - 1000);
    assert.equal(q.tryPop(), undefined, `still backing off before ${wait} ms`);
    clock.step(1000);
    assert.equal(q.stats().active, 1, `active after ${wait} ms`);
  }
  ac.abort();
});

test('queue: backoff grows per attempt', () => {
  const { q, ac } = setup();
  const qp = { pod: pod('p'), key: 'k', attempts: 0, initialAt: 0, at: 0, cycle: 0 };
  const want = [0, 1000, 2000, 4000, 8000, 10000, 10000];
  assert.deepEqual(want.map((_, i) => q.backoffUntil({ ...qp, attempts: i })), want);
  ac.abort();
});

test('queue: unschedulable pods wait for a cluster event (node added), or 5 minutes', () => {
  const { q, clock, ac } = setup();
  q.add(pod('a'));
  q.add(pod('b'));
  q.tryPop(); q.failed('default/a', true);
  q.tryPop(); q.failed('default/b', true);
  clock.step(60_000);
  assert.equal(q.tryPop(), undefined, 'parked, not retried on backoff');
  assert.equal(q.stats().unschedulable, 2);
  q.moveAllToActiveOrBackoff();
  assert.equal(q.tryPop()?.key, 'default/a');
  q.failed('default/a', true);
  assert.equal(q.tryPop()?.key, 'default/b');
  q.done('default/b');
  clock.step(4 * 60_000);
  assert.equal(q.tryPop(), undefined);
  clock.step(60_000 + 30_000);
  assert.equal(q.tryPop()?.key, 'default/a', 'flushed after 5 minutes');
  ac.abort();
});

test('queue: a move during an attempt sends a failed pod to backoff, not to the parked set', () => {
  const { q, clock, ac } = setup();
  q.add(pod('a'));
  q.tryPop();
  q.moveAllToActiveOrBackoff();
  q.failed('default/a', true);
  assert.equal(q.stats().unschedulable, 0);
  clock.step(1000);
  assert.equal(q.tryPop()?.key, 'default/a');
  ac.abort();
});

test('queue: pop waits for a pod; delete removes it', async () => {
  const { q, ac } = setup();
  const waiting = q.pop(ac.signal);
  q.add(pod('x'));
  assert.equal((await waiting)?.key, 'default/x');
  q.add(pod('y'));
  q.delete('default/y');
  assert.equal(q.tryPop(), undefined);
  ac.abort();
});
