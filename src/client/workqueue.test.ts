import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from './clock.ts';
import { BucketRateLimiter, ItemExponentialRateLimiter, defaultControllerRateLimiter } from './rate-limiter.ts';
import { WorkQueue } from './workqueue.ts';

/** Lets promise continuations run (no timers involved). */
const flush = () => new Promise<void>((r) => setImmediate(r));

const drain = async (q: WorkQueue) => {
  const out: string[] = [];
  while (q.len()) { const k = (await q.get())!; out.push(k); q.done(k); }
  return out;
};

describe('WorkQueue', () => {
  it('collapses repeated adds of a waiting key', async () => {
    const q = new WorkQueue({ clock: new FakeClock() });
    for (const k of ['a', 'b', 'a', 'c', 'b']) q.add(k);
    assert.deepEqual(await drain(q), ['a', 'b', 'c']);
  });

  it('requeues a key added while in flight once, after done, and never hands it to two workers', async () => {
    const q = new WorkQueue({ clock: new FakeClock() });
    q.add('a');
    const k = await q.get();
    q.add('a'); q.add('a');
    assert.equal(q.len(), 0, 'must not be takeable while processing');
    let second: string | undefined;
    void q.get().then((x) => { second = x; });
    await flush();
    assert.equal(second, undefined);
    q.done(k!);
    await flush();
    assert.equal(second, 'a');
    q.done('a');
    assert.equal(q.len(), 0);
  });

  it('keeps FIFO order and due-time order across thousands of keys', async () => {
    const clock = new FakeClock();
    const q = new WorkQueue({ clock });
    // Delays in a scrambled order; keys must come out by due time, ready keys before them in FIFO order.
    const delays = Array.from({ length: 3000 }, (_, i) => ((i * 7919) % 3000) + 1);
    delays.forEach((d, i) => q.addAfter(`d${i}`, d));
    for (let i = 0; i < 3000; i++) q.add(`r${i}`);
    assert.deepEqual(await drain(q), Array.from({ length: 3000 }, (_, i) => `r${i}`));
    clock.step(3000);
    const fired = await drain(q);
    assert.equal(fired.length, 3000);
    const due = fired.map((k) => delays[Number(k.slice(1))]);
    assert.deepEqual(due, [...due].sort((a, b) => a - b));
  });

  it('wakes a waiting worker on add', async () => {
    const q = new WorkQueue({ clock: new FakeClock() });
    const p = q.get();
    q.add('x');
    assert.equal(await p, 'x');
  });

  it('addAfter fires in due order on the clock and keeps the earliest of repeated delays', async () => {
    const clock = new FakeClock();
    const q = new WorkQueue({ clock });
    q.addAfter('late', 300);
    q.addAfter('early', 100);
    q.addAfter('mid', 200);
    q.addAfter('early', 250); // later than the pending one: ignored
    q.addAfter('late', 150);  // earlier: wins
    assert.equal(q.len(), 0);
    clock.step(99);
    assert.equal(q.len(), 0);
    clock.step(1);
    assert.deepEqual(await drain(q), ['early']);
    clock.step(100);
    assert.deepEqual(await drain(q), ['late', 'mid']);
    assert.equal(clock.hasWaiters(), false);
  });

  it('addRateLimited backs off exponentially per key until forget', async () => {
    const clock = new FakeClock();
    const q = new WorkQueue({ clock, rateLimiter: new ItemExponentialRateLimiter(5, 1000_000) });
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const t0 = clock.now().getTime();
      q.addRateLimited('k');
      clock.setTime(clock.nextWaiter()!);
      delays.push(clock.now().getTime() - t0);
      assert.equal(await q.get(), 'k');
      q.done('k');
    }
    assert.deepEqual(delays, [5, 10, 20, 40]);
    assert.equal(q.numRequeues('k'), 4);
    q.forget('k');
    assert.equal(q.numRequeues('k'), 0);
  });

  it('shutDown releases waiting workers with undefined', async () => {
    const q = new WorkQueue({ clock: new FakeClock() });
    const p = q.get();
    q.shutDown();
    assert.equal(await p, undefined);
    q.add('a');
    assert.equal(await q.get(), undefined);
  });
});

describe('rate limiters', () => {
  const expo = [
    { name: 'first failure', failures: 0, want: 5 },
    { name: 'ninth failure', failures: 8, want: 1280 },
    { name: 'capped at 1000 s', failures: 40, want: 1000_000 },
  ];
  for (const t of expo) {
    it(`exponential: ${t.name}`, () => {
      const l = new ItemExponentialRateLimiter();
      for (let i = 0; i < t.failures; i++) l.when('k');
      assert.equal(l.when('k'), t.want);
    });
  }

  it('bucket: burst of 100 free, then 10 qps; refills with time', () => {
    const clock = new FakeClock();
    const b = new BucketRateLimiter(clock, 10, 100);
    for (let i = 0; i < 100; i++) assert.equal(b.when(), 0);
    assert.equal(b.when(), 100);
    assert.equal(b.when(), 200);
    clock.step(10_000);
    assert.equal(b.when(), 0);
  });

  it('default controller limiter takes the larger delay', () => {
    const l = defaultControllerRateLimiter(new FakeClock());
    const got = Array.from({ length: 101 }, (_, i) => l.when(`k${i}`));
    assert.equal(got[0], 5);
    assert.equal(got[100], 100);
  });
});
