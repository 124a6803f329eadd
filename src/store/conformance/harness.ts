/** Shared helpers for the conformance suite. */
import type { Store, Watcher, WatchEvent } from '../types.ts';

export interface Harness {
  open: () => Promise<Store>;
  /** For persistent backends: close `store` and open the same data again. */
  reopen?: (store: Store) => Promise<Store>;
}

/** Opens a fresh store, runs `fn`, and closes whatever store `fn` ends with. */
export async function withStore(h: Harness, fn: (s: Store) => Promise<Store | void>): Promise<void> {
  const s = await h.open();
  let last = s;
  try {
    last = (await fn(s)) ?? s;
  } finally {
    await last.close();
  }
}

/** Reads exactly `n` events (the test's timeout guards against a hang). */
export async function take(w: Watcher, n: number): Promise<WatchEvent[]> {
  const it = w[Symbol.asyncIterator]();
  const out: WatchEvent[] = [];
  while (out.length < n) {
    const r = await it.next();
    if (r.done) throw new Error(`watcher ended after ${out.length} of ${n} events`);
    out.push(r.value);
  }
  return out;
}

/** A compact view of events for deepEqual. */
export function brief(evs: WatchEvent[]): string[] {
  return evs.map((e) => `${e.type} ${e.kv.key}=${e.kv.value}@${e.revision}` + (e.prev ? ` prev=${e.prev.value}@${e.prev.modRevision}` : ''));
}

export const T = { timeout: 20_000 };
