/**
 * The current row of the keys read or written last, so that a read-modify-write reads SQLite
 * once, not twice: the API server's update reads the key, then the store's compare-and-swap
 * reads it again for the revision check and the event's old value. A binding or status write
 * soon after a create finds its pod here too.
 *
 * Exact because this process is SQLite's only writer: every write sets or drops its key
 * here, and a rolled-back batch empties the whole thing (its reads may have seen its writes).
 * The oldest entries go first past `limit`; values are shared with the events and results that
 * hold them anyway.
 */
import type { KeyValue } from '../types.ts';

export class RecentRows {
  readonly #rows = new Map<string, KeyValue>();
  readonly #limit: number;

  constructor(limit: number) { this.#limit = limit; }

  get(key: string): KeyValue | undefined { return this.#rows.get(key); }

  set(key: string, kv: KeyValue): void {
    // Re-inserted so that it counts as the newest.
    this.#rows.delete(key);
    this.#rows.set(key, kv);
    if (this.#rows.size > this.#limit) this.#rows.delete(this.#rows.keys().next().value!);
  }

  delete(key: string): void { this.#rows.delete(key); }

  clear(): void { this.#rows.clear(); }

  get size(): number { return this.#rows.size; }
}
