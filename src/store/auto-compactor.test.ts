import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AutoCompactor } from './auto-compactor.ts';
import { MemoryStore } from './memory/index.ts';

function fakeTimers() {
  const t = { fn: undefined as (() => void) | undefined, ms: 0, cleared: 0 };
  return { t, timers: { setInterval: (fn: () => void, ms: number) => { t.fn = fn; t.ms = ms; return 7; }, clearInterval: (h: unknown) => { if (h === 7) t.cleared++; } } };
}

test('auto compactor: defaults follow kine (5 min, 1000 revisions)', () => {
  const c = new AutoCompactor(new MemoryStore());
  assert.deepEqual([c.intervalMs, c.keep], [300_000, 1000]);
});

test('auto compactor: each tick compacts to current minus keep, once there is something to drop', async () => {
  const s = new MemoryStore();
  const { t, timers } = fakeTimers();
  const c = new AutoCompactor(s, { keep: 5, intervalMs: 1234, timers });
  c.start();
  assert.equal(t.ms, 1234);
  await s.create('/r/a', '1');
  assert.equal(await c.tick(), undefined, 'fewer revisions than keep: nothing to do');
  for (let i = 0; i < 10; i++) await s.create(`/r/k${i}`, 'v');
  const cur = await s.currentRevision();
  assert.equal(await c.tick(), cur - 5);
  assert.equal(await s.compactedRevision(), cur - 5);
  assert.equal(await c.tick(), undefined, 'nothing new since the last round');
  await s.create('/r/more', 'v');
  t.fn!();
  await c.stop(); // waits for the round the timer started
  assert.equal(await s.compactedRevision(), cur - 4);
  assert.equal(t.cleared, 1);
  await s.close();
});
