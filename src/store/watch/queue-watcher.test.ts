import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WatchEvent } from '../types.ts';
import { Hub } from './hub.ts';
import { WatchOverflowError } from './overflow.ts';

const ev = (rev: number, key = '/r/a'): WatchEvent => ({ type: 'ADDED', kv: { key, value: 'v', createRevision: rev, modRevision: rev }, revision: rev });

test('a watcher that falls past the bound is ended with WatchOverflowError and unsubscribed', async () => {
  const hub = new Hub(3);
  const w = hub.subscribe('/r/', 0, []);
  const it = w[Symbol.asyncIterator]();
  hub.publish(ev(1));
  assert.equal((await it.next()).value?.revision, 1);
  for (let r = 2; r <= 5; r++) hub.publish(ev(r)); // 4 queued > 3
  assert.equal(hub.size, 0, 'unsubscribed at overflow');
  await assert.rejects(it.next(), (e) => e instanceof WatchOverflowError && e.limit === 3 && e.lastRevision === 1);
  assert.deepEqual(await it.next(), { done: true, value: undefined });
});

test('replayed history does not count against the bound', async () => {
  const hub = new Hub(2);
  const w = hub.subscribe('/r/', 0, [ev(1), ev(2), ev(3), ev(4)]);
  hub.publish(ev(5));
  hub.publish(ev(6));
  assert.equal(hub.size, 1);
  const revs: number[] = [];
  for await (const e of w) { revs.push(e.revision); if (e.revision === 6) break; }
  assert.deepEqual(revs, [1, 2, 3, 4, 5, 6]);
  assert.equal(hub.size, 0, 'break closes the watcher');
});

test('the hub filters by prefix and by revision', async () => {
  const hub = new Hub(10);
  const w = hub.subscribe('/r/p/', 5, []);
  hub.publish(ev(5, '/r/p/a'));
  hub.publish(ev(6, '/r/px/a'));
  hub.publish(ev(7, '/r/p/b'));
  const [first] = await Promise.all([w[Symbol.asyncIterator]().next()]);
  assert.equal(first.value?.kv.key, '/r/p/b');
  w.close();
});

test('a second next() while one is pending is refused', async () => {
  const hub = new Hub(10);
  const it = hub.subscribe('', 0, [])[Symbol.asyncIterator]();
  const first = it.next();
  await assert.rejects(it.next(), /pending/);
  hub.publish(ev(1));
  assert.equal((await first).value?.revision, 1);
});
