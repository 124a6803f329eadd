import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from './clock.ts';
import { runController, TerminalError } from './controller-runtime.ts';
import { ItemExponentialRateLimiter } from './rate-limiter.ts';
import { WorkQueue } from './workqueue.ts';

const flush = async (n = 5) => { for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r)); };

describe('runController', () => {
  it('retries a failing key with back-off, forgets it on success, requeues on requeueAfter', async () => {
    const clock = new FakeClock();
    const queue = new WorkQueue({ clock, rateLimiter: new ItemExponentialRateLimiter(5, 1000) });
    const ac = new AbortController();
    const calls: { key: string; at: number }[] = [];
    let failures = 2;
    const t0 = clock.now().getTime();
    const done = runController({
      name: 'test', queue, workers: 2, signal: ac.signal,
      async reconcile(key) {
        calls.push({ key, at: clock.now().getTime() - t0 });
        if (key === 'a' && failures-- > 0) throw new Error('boom');
        if (key === 'b') return { requeueAfter: 1000 };
        if (key === 'c') throw new TerminalError('bad spec');
      },
    });
    queue.add('a'); queue.add('b'); queue.add('c');
    await flush();
    clock.step(5); await flush();
    clock.step(10); await flush();
    assert.equal(queue.numRequeues('a'), 0, 'forgotten after success');
    clock.step(985); await flush();
    ac.abort();
    await done;
    assert.deepEqual(calls.map((c) => `${c.key}@${c.at}`), ['a@0', 'b@0', 'c@0', 'a@5', 'a@15', 'b@1000']);
    assert.equal(queue.numRequeues('c'), 0, 'terminal errors are not retried');
  });

  it('never runs one key on two workers at once', async () => {
    const queue = new WorkQueue({ clock: new FakeClock() });
    const ac = new AbortController();
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const gates: (() => void)[] = [];
    const done = runController({
      name: 'test', queue, workers: 4, signal: ac.signal,
      async reconcile() {
        running++; runs++; maxRunning = Math.max(maxRunning, running);
        await new Promise<void>((r) => gates.push(r));
        running--;
      },
    });
    queue.add('k');
    await flush();
    queue.add('k'); queue.add('k');
    await flush();
    assert.equal(gates.length, 1);
    gates.shift()!();
    await flush();
    assert.equal(gates.length, 1, 'the re-added key runs once more');
    gates.shift()!();
    await flush();
    ac.abort();
    await done;
    assert.equal(maxRunning, 1);
    assert.equal(runs, 2);
  });
});
