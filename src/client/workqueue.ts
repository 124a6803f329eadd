/**
 * A work queue of string keys with client-go's semantics
 * (k8s.io/client-go/util/workqueue/queue.go, delaying_queue.go, rate_limiting_queue.go):
 * - `dirty` holds keys waiting to be processed; adding one already there is a no-op.
 * - `processing` holds keys a worker has taken. A key added meanwhile waits in `dirty`
 *   and goes back on the queue at `done`, so no two workers ever hold the same key and a
 *   change seen during a reconcile is never lost.
 * - `addAfter` waits on the injected clock; several delayed adds of one key keep the earliest.
 * - `addRateLimited` asks the rate limiter how long; `forget` resets the key's back-off.
 */
import { realClock, type Clock } from './clock.ts';
import { Fifo } from './fifo.ts';
import { KeyedHeap } from './keyed-heap.ts';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiter.ts';

export interface WorkQueueOptions {
  clock?: Clock;
  rateLimiter?: RateLimiter;
  name?: string;
}

export class WorkQueue {
  readonly name: string;
  readonly #clock: Clock;
  readonly #limiter: RateLimiter;
  /** Keys ready to be taken, oldest first. */
  readonly #queue = new Fifo<string>();
  readonly #dirty = new Set<string>();
  readonly #processing = new Set<string>();
  readonly #getters: ((key: string | undefined) => void)[] = [];
  /** Delayed keys by when they are due (ms since epoch), earliest first. */
  readonly #waiting = new KeyedHeap<{ key: string; at: number }>((w) => w.key, (a, b) => a.at < b.at);
  #cancelTimer: (() => void) | undefined;
  #timerAt = Infinity;
  #shutDown = false;

  constructor(opts: WorkQueueOptions = {}) {
    this.name = opts.name ?? '';
    this.#clock = opts.clock ?? realClock;
    this.#limiter = opts.rateLimiter ?? defaultControllerRateLimiter(this.#clock);
  }

  add(key: string): void {
    if (this.#shutDown || this.#dirty.has(key)) return;
    this.#dirty.add(key);
    if (this.#processing.has(key)) return;
    const g = this.#getters.shift();
    if (g) { this.#dirty.delete(key); this.#processing.add(key); g(key); } else this.#queue.push(key);
  }

  /** Keys waiting to be taken (not the ones in flight or delayed). */
  len(): number { return this.#queue.size; }

  /** The next key, once there is one; undefined after `shutDown`. Call `done(key)` when finished. */
  get(): Promise<string | undefined> {
    const key = this.#queue.shift();
    if (key !== undefined) {
      this.#dirty.delete(key);
      this.#processing.add(key);
      return Promise.resolve(key);
    }
    if (this.#shutDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#getters.push(resolve));
  }

  done(key: string): void {
    this.#processing.delete(key);
    if (!this.#dirty.has(key)) return;
    // Added while in flight: queue it now (or hand it to a waiting worker).
    this.#dirty.delete(key);
    this.add(key);
  }

  addAfter(key: string, ms: number): void {
    if (this.#shutDown) return;
    if (ms <= 0) return this.add(key);
    const at = this.#clock.now().getTime() + ms;
    const prev = this.#waiting.get(key);
    if (prev !== undefined && prev.at <= at) return;
    this.#waiting.push({ key, at });
    this.#arm();
  }

  addRateLimited(key: string): void { this.addAfter(key, this.#limiter.when(key)); }
  forget(key: string): void { this.#limiter.forget(key); }
  numRequeues(key: string): number { return this.#limiter.numRequeues(key); }

  /** Stops taking keys; waiting `get`s resolve undefined. Keys in flight may still call `done`. */
  shutDown(): void {
    this.#shutDown = true;
    this.#cancelTimer?.();
    while (this.#waiting.pop());
    for (const g of this.#getters.splice(0)) g(undefined);
  }

  shuttingDown(): boolean { return this.#shutDown; }

  /** One clock timer, for the earliest delayed key. */
  #arm(): void {
    const first = this.#waiting.peek()?.at ?? Infinity;
    if (first === this.#timerAt) return;
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    this.#timerAt = first;
    if (first === Infinity) return;
    this.#cancelTimer = this.#clock.after(first - this.#clock.now().getTime(), () => this.#fire());
  }

  #fire(): void {
    this.#cancelTimer = undefined;
    this.#timerAt = Infinity;
    const now = this.#clock.now().getTime();
    for (let w = this.#waiting.peek(); w && w.at <= now; w = this.#waiting.peek()) { this.#waiting.pop(); this.add(w.key); }
    this.#arm();
  }
}
