/**
 * In-process fan-out from the single writer to every watcher, in the spirit of kine's
 * broadcaster (https://github.com/k3s-io/kine/blob/caf3270/pkg/broadcaster/broadcaster.go).
 * The process that owns the store is its only writer, so a write's events are published
 * synchronously right after its commit: order is the commit order, and no event can slip
 * between a watcher's history replay and its registration.
 */
import type { WatchEvent } from '../types.ts';
import { QueueWatcher } from './queue-watcher.ts';

interface Subscription { prefix: string; after: number; watcher: QueueWatcher }

export class Hub {
  #subs = new Set<Subscription>();
  #limit: number;

  constructor(limit: number) { this.#limit = limit; }

  /**
   * Registers a watcher for keys under `prefix` with revisions after `after`, preloaded with
   * `history` (which must be exactly the matching events in (after, now]).
   */
  subscribe(prefix: string, after: number, history: WatchEvent[]): QueueWatcher {
    const sub: Subscription = { prefix, after, watcher: undefined as unknown as QueueWatcher };
    sub.watcher = new QueueWatcher(this.#limit, () => this.#subs.delete(sub));
    sub.watcher.preload(history);
    this.#subs.add(sub);
    return sub.watcher;
  }

  publish(ev: WatchEvent): void {
    for (const sub of this.#subs) {
      if (ev.revision > sub.after && ev.kv.key.startsWith(sub.prefix)) sub.watcher.push(ev);
    }
  }

  get size(): number { return this.#subs.size; }

  /** Ends every watcher (store close). */
  closeAll(): void {
    for (const sub of [...this.#subs]) sub.watcher.close();
  }
}
