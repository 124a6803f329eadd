/**
 * Per-key exponential back-off on explicit times, as client-go's flowcontrol.Backoff
 * (k8s.io/client-go/util/flowcontrol/backoff.go) that the kubelet uses for crash loops
 * (10 s doubling to 300 s) and image pulls: the first retry is free, later ones wait.
 * An entry untouched for twice the maximum (10 min) starts over, so a container that ran
 * that long restarts without delay.
 */

export interface BackoffEntry { backoffMs: number; lastUpdate: number }

/** The read side, for the pure planner. */
export interface BackoffView {
  /** When the back-off of `key` counted from `eventTime` ends, if it has not ended at `now`. */
  inBackoffUntil(key: string, eventTime: number, now: number): number | undefined;
  /** The current delay of `key` (ms), 0 without an entry. */
  delayOf(key: string): number;
}

export class Backoff implements BackoffView {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly #entries = new Map<string, BackoffEntry>();

  constructor(initialMs = 10_000, maxMs = 300_000) { this.initialMs = initialMs; this.maxMs = maxMs; }

  #expired(eventTime: number, lastUpdate: number): boolean { return eventTime - lastUpdate > 2 * this.maxMs; }

  inBackoffUntil(key: string, eventTime: number, now: number): number | undefined {
    const e = this.#entries.get(key);
    if (!e || this.#expired(now, e.lastUpdate)) return undefined;
    return now - eventTime < e.backoffMs ? eventTime + e.backoffMs : undefined;
  }

  delayOf(key: string): number { return this.#entries.get(key)?.backoffMs ?? 0; }

  /** When `key` last moved (its failure time for image pulls). */
  lastUpdate(key: string): number | undefined { return this.#entries.get(key)?.lastUpdate; }

  /** Records a retry of `key` at `now` for an event (exit, failure) at `eventTime`. */
  next(key: string, eventTime: number, now: number): void {
    const e = this.#entries.get(key);
    if (!e || this.#expired(eventTime, e.lastUpdate)) this.#entries.set(key, { backoffMs: this.initialMs, lastUpdate: now });
    else { e.backoffMs = Math.min(e.backoffMs * 2, this.maxMs); e.lastUpdate = now; }
  }

  reset(key: string): void { this.#entries.delete(key); }

  /** Drops entries of keys starting with `prefix` (a pod's uid when the pod is gone). */
  forgetPrefix(prefix: string): void { for (const k of this.#entries.keys()) if (k.startsWith(prefix)) this.#entries.delete(k); }
}

/** Go's time.Duration formatting for whole seconds/minutes ("10s", "2m40s", "5m0s"). */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${s % 60}s` : `${Math.floor(m / 60)}h${m % 60}m${s % 60}s`;
}
