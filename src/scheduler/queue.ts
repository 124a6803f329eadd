/**
 * The scheduling queue (pkg/scheduler/backend/queue/scheduling_queue.go), three parts:
 * - active: pods to try now, highest priority first, then oldest first;
 * - backoff: pods that failed, waiting 1 s doubling to 10 s per attempt before going active;
 * - unschedulable: pods that fit nowhere, parked until a cluster event that could make them
 *   fit (`moveAllToActiveOrBackoff`: a node added or changed, a pod deleted), or for at most
 *   5 minutes (podMaxInUnschedulablePodsDuration), checked every 30 s.
 * A pod that failed while a move event happened during its attempt skips the unschedulable
 * part (it may already fit): the scheduling-cycle / move-cycle comparison of older kube-schedulers.
 * Time comes from the injected clock only.
 */
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import type { Clock } from '../client/clock.ts';
import type { DeepReadonly } from '../client/freeze.ts';
import { KeyedHeap } from '../client/keyed-heap.ts';

export const INITIAL_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 10_000;
export const MAX_UNSCHEDULABLE_MS = 5 * 60_000;
export const BACKOFF_FLUSH_MS = 1_000;
export const UNSCHEDULABLE_FLUSH_MS = 30_000;

export interface QueuedPod {
  pod: DeepReadonly<Pod>;
  key: string;
  /** Failed attempts so far. */
  attempts: number;
  /** When first queued (ms), the tie-break after priority. */
  initialAt: number;
  /** When it last entered its current part (ms). */
  at: number;
  /** The move cycle when it was popped. */
  cycle: number;
}

const keyOf = (p: DeepReadonly<Pod>) => `${p.metadata?.namespace}/${p.metadata?.name}`;
const prio = (q: QueuedPod) => q.pod.spec?.priority ?? 0;

export class SchedulingQueue {
  readonly #clock: Clock;
  readonly #active = new KeyedHeap<QueuedPod>((q) => q.key, (a, b) => prio(a) > prio(b) || (prio(a) === prio(b) && a.initialAt < b.initialAt));
  readonly #backoff = new KeyedHeap<QueuedPod>((q) => q.key, (a, b) => this.backoffUntil(a) < this.backoffUntil(b));
  readonly #unschedulable = new Map<string, QueuedPod>();
  /** Popped and not yet done. */
  readonly #inFlight = new Map<string, QueuedPod>();
  #moveCycle = 0;
  #waiters: (() => void)[] = [];
  #cancelTimers: (() => void)[] = [];

  constructor(clock: Clock) { this.#clock = clock; }

  /** Starts the periodic flushes; stops them when `signal` aborts. */
  run(signal: AbortSignal): void {
    const every = (ms: number, fn: () => void) => {
      const tick = () => { if (signal.aborted) return; fn(); this.#cancelTimers.push(this.#clock.after(ms, tick)); };
      this.#cancelTimers.push(this.#clock.after(ms, tick));
    };
    every(BACKOFF_FLUSH_MS, () => this.flushBackoff());
    every(UNSCHEDULABLE_FLUSH_MS, () => this.flushUnschedulable());
    signal.addEventListener('abort', () => { for (const c of this.#cancelTimers.splice(0)) c(); this.#wake(); }, { once: true });
  }

  backoffUntil(q: QueuedPod): number {
    if (q.attempts === 0) return q.at;
    return q.at + Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** (q.attempts - 1));
  }

  /** A new unscheduled pod. */
  add(pod: DeepReadonly<Pod>): void {
    const key = keyOf(pod);
    if (this.#inFlight.has(key)) { this.#inFlight.get(key)!.pod = pod; return; }
    if (this.#active.has(key) || this.#backoff.has(key) || this.#unschedulable.has(key)) { this.update(pod); return; }
    const now = this.#now();
    this.#active.push({ pod, key, attempts: 0, initialAt: now, at: now, cycle: 0 });
    this.#wake();
  }

  /** An unscheduled pod changed; `relevant` says whether the change could make it fit (spec or labels). */
  update(pod: DeepReadonly<Pod>, relevant = true): void {
    const key = keyOf(pod);
    const inFlight = this.#inFlight.get(key);
    if (inFlight) { inFlight.pod = pod; return; }
    const a = this.#active.get(key) ?? this.#backoff.get(key);
    if (a) { a.pod = pod; return; }
    const u = this.#unschedulable.get(key);
    if (!u) { this.add(pod); return; }
    u.pod = pod;
    if (relevant) { this.#unschedulable.delete(key); this.#requeue(u); }
  }

  delete(key: string): void {
    this.#active.delete(key);
    this.#backoff.delete(key);
    this.#unschedulable.delete(key);
    this.#inFlight.delete(key);
  }

  has(key: string): boolean {
    return this.#active.has(key) || this.#backoff.has(key) || this.#unschedulable.has(key) || this.#inFlight.has(key);
  }

  /** The next pod to schedule, if one is active now. */
  tryPop(): QueuedPod | undefined {
    const q = this.#active.pop();
    if (q) { q.cycle = this.#moveCycle; this.#inFlight.set(q.key, q); }
    return q;
  }

  /** Waits until a pod is active (or `signal` aborts), then pops it. */
  async pop(signal: AbortSignal): Promise<QueuedPod | undefined> {
    for (;;) {
      if (signal.aborted) return undefined;
      const q = this.tryPop();
      if (q) return q;
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  /** The attempt succeeded (bound or assumed): forget the pod. */
  done(key: string): void { this.#inFlight.delete(key); }

  /**
   * The attempt failed. `unschedulable`: it fits nowhere (park it until an event), else an
   * error (back off). A pod deleted meanwhile is dropped.
   */
  failed(key: string, unschedulable: boolean): void {
    const q = this.#inFlight.get(key);
    if (!q) return;
    this.#inFlight.delete(key);
    q.attempts++;
    q.at = this.#now();
    if (unschedulable && q.cycle >= this.#moveCycle) this.#unschedulable.set(key, q);
    else this.#backoff.push(q);
  }

  /**
   * A cluster event that may let parked pods fit (MoveAllToActiveOrBackoffQueue); `only`
   * narrows it to the pods the event can help (a queueing hint).
   */
  moveAllToActiveOrBackoff(only?: (pod: DeepReadonly<Pod>) => boolean): void {
    if (!only) this.#moveCycle++;
    for (const [key, q] of this.#unschedulable) {
      if (only && !only(q.pod)) continue;
      this.#unschedulable.delete(key);
      this.#requeue(q);
    }
  }

  flushBackoff(): void {
    const now = this.#now();
    let moved = false;
    for (let q = this.#backoff.peek(); q && this.backoffUntil(q) <= now; q = this.#backoff.peek()) {
      this.#backoff.pop();
      this.#active.push(q);
      moved = true;
    }
    if (moved) this.#wake();
  }

  flushUnschedulable(): void {
    const now = this.#now();
    for (const [key, q] of this.#unschedulable) {
      if (now - q.at >= MAX_UNSCHEDULABLE_MS) { this.#unschedulable.delete(key); this.#requeue(q); }
    }
  }

  /** Sizes of the three parts, for tests and logs. */
  stats(): { active: number; backoff: number; unschedulable: number; inFlight: number } {
    return { active: this.#active.size, backoff: this.#backoff.size, unschedulable: this.#unschedulable.size, inFlight: this.#inFlight.size };
  }

  #requeue(q: QueuedPod): void {
    if (this.backoffUntil(q) > this.#now()) { this.#backoff.push(q); return; }
    this.#active.push(q);
    this.#wake();
  }

  #now(): number { return this.#clock.now().getTime(); }
  #wake(): void { for (const w of this.#waiters.splice(0)) w(); }
}
