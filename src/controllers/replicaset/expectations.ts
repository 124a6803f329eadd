/**
 * Expectations: how many pod creations and which pod deletions a ReplicaSet is still
 * waiting to see through its informer, after Kubernetes' ControllerExpectations and
 * UIDTrackingControllerExpectations (pkg/controller/controller_utils.go). A sync that
 * finds them unfulfilled does not create or delete again: the cache is stale, and
 * acting on it would overshoot. They expire after 5 minutes (ExpectationsTimeout), in
 * case a watch event was lost.
 */
import type { Clock } from '../../client/clock.ts';

export const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;

interface Expected { add: number; del: number; at: number; deletions: Set<string> }

export class Expectations {
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #byKey = new Map<string, Expected>();

  constructor(clock: Clock, timeoutMs = EXPECTATIONS_TIMEOUT_MS) {
    this.#clock = clock;
    this.#timeoutMs = timeoutMs;
  }

  /** True when nothing is pending for `key`, or what is pending has expired. */
  satisfied(key: string): boolean {
    const e = this.#byKey.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.#clock.now().getTime() - e.at > this.#timeoutMs;
  }

  /** Replaces whatever was expected with `n` creations. */
  expectCreations(key: string, n: number): void {
    this.#byKey.set(key, { add: n, del: 0, at: this.#clock.now().getTime(), deletions: new Set() });
  }

  /** Replaces whatever was expected with the deletion of these pods (namespace/name keys). */
  expectDeletions(key: string, podKeys: readonly string[]): void {
    const deletions = new Set(podKeys);
    this.#byKey.set(key, { add: 0, del: deletions.size, at: this.#clock.now().getTime(), deletions });
  }

  creationObserved(key: string): void {
    const e = this.#byKey.get(key);
    if (e) e.add--;
  }

  /** Counts only a pod we were waiting for, and only once. */
  deletionObserved(key: string, podKey: string): void {
    const e = this.#byKey.get(key);
    if (e?.deletions.delete(podKey)) e.del--;
  }

  delete(key: string): void { this.#byKey.delete(key); }

  /** For tests and logs: what is still expected. */
  pending(key: string): { add: number; del: number } | undefined {
    const e = this.#byKey.get(key);
    return e && { add: e.add, del: e.del };
  }
}
