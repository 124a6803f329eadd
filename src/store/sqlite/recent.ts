/**
 * The current row of the keys read or written last, so that a read-modify-write reads SQLite
 * once, not twice: the API server's update reads the key, then the store's compare-and-swap
 * reads it again for the revision check and the event's old value. A binding or status write
 * soon after a create finds its pod here too.
 *
 * Exact because this process is SQLite's only writer: every write sets or drops its key
 * here, and a rolled-back batch empties the whole thing (its reads may have seen its writes).
 * The oldest go first past the limit; values are shared with the events and results that hold
 * them anyway.
 */
import type { KeyValue } from '../types.ts';

export class RecentRows {
  // Two generations: rows go into `young`; when it is full it becomes `old` and the previous
  // old generation is dropped whole. Deleting the oldest entry of one Map on every write
  // measured 4 µs a write (its iterator skips the holes the deletes leave at its front).
  #young = new Map<string, KeyValue>();
  #old = new Map<string, KeyValue>();
  readonly #generation: number;

  /** Keeps at least the last `limit / 2` rows touched, at most `limit`. */
  constructor(limit: number) { this.#generation = Math.max(1, Math.ceil(limit / 2)); }

  get(key: string): KeyValue | undefined { return this.#young.get(key) ?? this.#old.get(key); }

  set(key: string, kv: KeyValue): void {
    this.#old.delete(key);
    this.#young.set(key, kv);
    if (this.#young.size >= this.#generation) {
      this.#old = this.#young;
      this.#young = new Map();
    }
  }

  delete(key: string): void {
    this.#young.delete(key);
    this.#old.delete(key);
  }

  clear(): void {
    this.#young.clear();
    this.#old.clear();
  }
}
