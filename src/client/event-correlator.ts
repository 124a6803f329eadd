/**
 * What a core/v1 event recorder writes for each event, as client-go's EventCorrelator decides
 * it (k8s.io/client-go/tools/record/events_cache.go, NewEventCorrelator's defaults):
 *
 * - **Counting:** an event seen before (same source, object, type, reason and message) patches
 *   the stored one: `count` + 1, `lastTimestamp`, `message`.
 * - **Aggregation:** once 10 events about one object differ only by message within 10 minutes of
 *   each other, the next become one event, "(combined from similar events): <message>", counted
 *   like a repeat. A ReplicaSet making 1 000 pods leaves 9 "Created pod" events and one combined.
 * - **Spam filter:** each source may write 25 events about an object, then one per 5 minutes
 *   (a token bucket per source and object); the rest are dropped.
 *
 * Each cache keeps the 4 096 most recently used keys. Pure logic on the given times: the
 * recorder (events.ts) does the writing.
 */
import type { ObjectReference } from 'kubernetes-types/core/v1.d.ts';

export const AGGREGATE_MAX_EVENTS = 10;
export const AGGREGATE_INTERVAL_MS = 600_000;
export const SPAM_BURST = 25;
export const SPAM_QPS = 1 / 300;
const CACHE_ENTRIES = 4096;
const COMBINED = '(combined from similar events): ';

export interface EventFacts {
  ref: ObjectReference;
  type: string;
  reason: string;
  message: string;
  component: string;
  host: string;
}

/**
 * What to write: a new event, or a patch of an earlier one (`count` is its new count; if the
 * stored one is gone, it is created again with that name, count and first time); or nothing.
 * Writes with the same `key` must reach the server in the order they were correlated.
 */
export type Correlation =
  | { action: 'create' | 'patch'; key: string; name: string; count: number; firstTimestamp: string; message: string }
  | { action: 'skip' };

/** The name and time a new event would get (client-go makes them with the event). */
export interface NewEvent { name: string; timestamp: string }

/** A map that forgets its least recently used key past `max` entries (groupcache's lru). */
class Lru<V> {
  readonly #m = new Map<string, V>();
  readonly #max: number;
  constructor(max: number) { this.#max = max; }
  get(k: string): V | undefined {
    const v = this.#m.get(k);
    if (v !== undefined) { this.#m.delete(k); this.#m.set(k, v); }
    return v;
  }
  set(k: string, v: V): void {
    this.#m.delete(k);
    this.#m.set(k, v);
    if (this.#m.size > this.#max) this.#m.delete(this.#m.keys().next().value!);
  }
  delete(k: string): void { this.#m.delete(k); }
}

const join = (parts: (string | undefined)[]) => parts.map((p) => p ?? '').join('\u0000');

export class EventCorrelator {
  /** Aggregate key → the messages seen (at most 9 kept) and when the last similar event came. */
  readonly #similar = new Lru<{ messages: Set<string>; lastMs: number }>(CACHE_ENTRIES);
  /** Event (or aggregate) key → the stored event's name, count and first time. */
  readonly #logged = new Lru<{ name: string; count: number; first: string }>(CACHE_ENTRIES);
  /** Source and object → token bucket. */
  readonly #spam = new Lru<{ tokens: number; atMs: number }>(CACHE_ENTRIES);

  readonly #combine: boolean;

  /** `combine: false` only counts repeats (no aggregation, no spam filter). */
  constructor(opts: { combine?: boolean } = {}) { this.#combine = opts.combine ?? true; }

  /** `fresh` names a new event (called only when one is needed). */
  correlate(e: EventFacts, nowMs: number, fresh: () => NewEvent): Correlation {
    const { ref } = e;
    const object = [ref.kind, ref.namespace, ref.name, ref.uid, ref.apiVersion];
    let key = 'event\u0000' + join([e.component, e.host, ...object.slice(0, 3), ref.fieldPath, ref.uid, ref.apiVersion, e.type, e.reason, e.message]);
    let message = e.message;
    if (this.#combine) {
      const aggregateKey = 'similar\u0000' + join([e.component, e.host, ...object, e.type, e.reason, e.component, e.host]);
      let rec = this.#similar.get(aggregateKey);
      if (!rec || nowMs - rec.lastMs > AGGREGATE_INTERVAL_MS) rec = { messages: new Set(), lastMs: nowMs };
      rec.messages.add(e.message);
      rec.lastMs = nowMs;
      this.#similar.set(aggregateKey, rec);
      if (rec.messages.size >= AGGREGATE_MAX_EVENTS) {
        rec.messages.delete(rec.messages.values().next().value!);
        key = aggregateKey;
        message = COMBINED + e.message;
      }
    }
    // As upstream, the occurrence is logged before the spam filter looks: a later write says
    // how many there were, dropped ones included.
    let rec = this.#logged.get(key);
    if (rec) rec.count++;
    else { const f = fresh(); this.#logged.set(key, (rec = { name: f.name, count: 1, first: f.timestamp })); }
    if (this.#combine && this.#spammed(join([e.component, e.host, ...object]), nowMs)) return { action: 'skip' };
    return { action: rec.count > 1 ? 'patch' : 'create', key, name: rec.name, count: rec.count, firstTimestamp: rec.first, message };
  }

  /** Takes a token from the source-and-object bucket; true when there was none. */
  #spammed(spamKey: string, nowMs: number): boolean {
    const b = this.#spam.get(spamKey) ?? { tokens: SPAM_BURST, atMs: nowMs };
    b.tokens = Math.min(SPAM_BURST, b.tokens + ((nowMs - b.atMs) / 1000) * SPAM_QPS);
    b.atMs = nowMs;
    this.#spam.set(spamKey, b);
    if (b.tokens < 1) return true;
    b.tokens -= 1;
    return false;
  }
}
