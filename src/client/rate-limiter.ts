/**
 * Retry delays for work-queue keys, after client-go's workqueue rate limiters
 * (k8s.io/client-go/util/workqueue/default_rate_limiters.go):
 * - per item, exponential: 5 ms, 10 ms, 20 ms … capped at 1000 s;
 * - overall, a token bucket of 10 qps with a burst of 100 (golang.org/x/time/rate);
 * - the default controller limiter takes the larger of the two.
 * Worked numbers: the 9th failure of one key waits 5·2⁸ = 1.28 s; the 101st key failing
 * within one instant waits 0.1 s for its token, the 102nd 0.2 s.
 */
import type { Clock } from './clock.ts';

export interface RateLimiter {
  /** How long to wait before the key's next try (and counts the try). */
  when(key: string): number;
  /** Clears the key's failure history. */
  forget(key: string): void;
  numRequeues(key: string): number;
}

export class ItemExponentialRateLimiter implements RateLimiter {
  readonly #failures = new Map<string, number>();
  readonly #base: number;
  readonly #max: number;
  constructor(baseMs = 5, maxMs = 1000_000) { this.#base = baseMs; this.#max = maxMs; }
  when(key: string): number {
    const n = this.#failures.get(key) ?? 0;
    this.#failures.set(key, n + 1);
    return Math.min(this.#base * 2 ** n, this.#max);
  }
  forget(key: string): void { this.#failures.delete(key); }
  numRequeues(key: string): number { return this.#failures.get(key) ?? 0; }
}

/** A token bucket: each `when` reserves one token and answers how long until it is there. */
export class BucketRateLimiter implements RateLimiter {
  readonly #clock: Clock;
  readonly #qps: number;
  readonly #burst: number;
  #tokens: number;
  #last: number;
  constructor(clock: Clock, qps = 10, burst = 100) {
    this.#clock = clock; this.#qps = qps; this.#burst = burst;
    this.#tokens = burst;
    this.#last = clock.now().getTime();
  }
  when(): number {
    const now = this.#clock.now().getTime();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#last) / 1000) * this.#qps);
    this.#last = now;
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : Math.ceil((-this.#tokens / this.#qps) * 1000);
  }
  forget(): void {}
  numRequeues(): number { return 0; }
}

export class MaxOfRateLimiter implements RateLimiter {
  readonly #limiters: RateLimiter[];
  constructor(...limiters: RateLimiter[]) { this.#limiters = limiters; }
  when(key: string): number { return Math.max(...this.#limiters.map((l) => l.when(key))); }
  forget(key: string): void { for (const l of this.#limiters) l.forget(key); }
  numRequeues(key: string): number { return Math.max(...this.#limiters.map((l) => l.numRequeues(key))); }
}

/** client-go's DefaultTypedControllerRateLimiter. */
export function defaultControllerRateLimiter(clock: Clock): RateLimiter {
  return new MaxOfRateLimiter(new ItemExponentialRateLimiter(5, 1000_000), new BucketRateLimiter(clock, 10, 100));
}
