/**
 * Periodic compaction, as kine does it: every `intervalMs` (default 5 min), compact up to
 * `keep` revisions (default 1000) behind the current one
 * (https://github.com/k3s-io/kine/blob/caf3270/pkg/logstructured/sqllog/sql.go, compactor).
 * Timers are injectable so tests drive `tick()` without sleeping.
 */
import type { Store } from './types.ts';

export interface AutoCompactOptions {
  /** Revisions to keep behind the current one. */
  keep?: number;
  intervalMs?: number;
  timers?: Timers;
  /** Called when a compaction fails (default: ignore; the next tick tries again). */
  onError?: (err: unknown) => void;
}

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realTimers: Timers = {
  setInterval: (fn, ms) => { const t = setInterval(fn, ms); t.unref(); return t; },
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

type Compactable = Pick<Store, 'currentRevision' | 'compactedRevision' | 'compact'>;

export class AutoCompactor {
  readonly keep: number;
  readonly intervalMs: number;
  #store: Compactable;
  #timers: Timers;
  #handle: unknown;
  #running: Promise<number | undefined> | undefined;
  #onError: (err: unknown) => void;

  constructor(store: Compactable, opts: AutoCompactOptions = {}) {
    this.#store = store;
    this.keep = opts.keep ?? 1000;
    this.intervalMs = opts.intervalMs ?? 5 * 60_000;
    this.#timers = opts.timers ?? realTimers;
    this.#onError = opts.onError ?? (() => {});
  }

  start(): void {
    if (this.#handle !== undefined) return;
    this.#handle = this.#timers.setInterval(() => { this.tick().catch(this.#onError); }, this.intervalMs);
  }

  /** Stops the timer and waits for a running compaction. */
  async stop(): Promise<void> {
    if (this.#handle !== undefined) this.#timers.clearInterval(this.#handle);
    this.#handle = undefined;
    await this.#running?.catch(() => undefined);
  }

  /** One round: returns the revision compacted to, or undefined when there was nothing to do. */
  tick(): Promise<number | undefined> {
    // One round at a time: a slow compaction is not stacked with another.
    this.#running ??= this.#round().finally(() => { this.#running = undefined; });
    return this.#running;
  }

  async #round(): Promise<number | undefined> {
    const target = (await this.#store.currentRevision()) - this.keep;
    if (target <= (await this.#store.compactedRevision())) return undefined;
    await this.#store.compact(target);
    return target;
  }
}
