/**
 * Time, injected. Everything in the client that waits (work-queue delays, back-off,
 * informer resync, watch re-dial) goes through a `Clock`, so tests step a `FakeClock`
 * instead of sleeping — the way client-go's workqueue tests use k8s.io/utils/clock/testing.
 *
 * `now()` returns a `Date` so one clock can also drive the API server's `Clock`
 * (src/apiserver/registry/registry.ts) in tests that need both sides on the same time.
 */

export interface Clock {
  now(): Date;
  /** Calls `fn` once after `ms`; the returned function cancels it (a no-op once fired). */
  after(ms: number, fn: () => void): () => void;
  /** Resolves after `ms`; rejects with `signal.reason` when the signal aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function sleepWith(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => { cancel(); reject(signal!.reason); };
    const cancel = clock.after(ms, () => { signal?.removeEventListener('abort', onAbort); resolve(); });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const realClock: Clock = {
  now: () => new Date(),
  after(ms, fn) {
    const t = setTimeout(fn, Math.max(0, ms));
    // A pending back-off or resync must not keep the process alive on its own.
    t.unref?.();
    return () => clearTimeout(t);
  },
  sleep(ms, signal) { return sleepWith(realClock, ms, signal); },
};

interface Waiter { at: number; seq: number; fn: () => void }

/**
 * A clock that moves only when told. `step(ms)` fires due callbacks in time order, with
 * `now()` set to each callback's due time while it runs, then settles at the target time.
 */
export class FakeClock implements Clock {
  #now: number;
  #seq = 0;
  #waiters: Waiter[] = [];

  constructor(start: Date | number = Date.UTC(2025, 0, 1)) {
    this.#now = typeof start === 'number' ? start : start.getTime();
  }

  now(): Date { return new Date(this.#now); }

  after(ms: number, fn: () => void): () => void {
    const w: Waiter = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fn };
    this.#waiters.push(w);
    return () => { this.#waiters = this.#waiters.filter((x) => x !== w); };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> { return sleepWith(this, ms, signal); }

  /** Advances time by `ms`, firing every callback that falls due (including ones scheduled meanwhile). */
  step(ms: number): void { this.setTime(this.#now + ms); }

  setTime(t: Date | number): void {
    const target = typeof t === 'number' ? t : t.getTime();
    for (;;) {
      const due = this.#waiters.filter((w) => w.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.#waiters = this.#waiters.filter((w) => w !== due);
      this.#now = Math.max(this.#now, due.at);
      due.fn();
    }
    this.#now = Math.max(this.#now, target);
  }

  hasWaiters(): boolean { return this.#waiters.length > 0; }
  waiterCount(): number { return this.#waiters.length; }
  /** When the earliest callback is due (ms since epoch), if any. */
  nextWaiter(): number | undefined { return this.#waiters.length ? Math.min(...this.#waiters.map((w) => w.at)) : undefined; }
}
