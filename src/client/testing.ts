/**
 * Test helpers for client users: an informer event recorder that awaits events instead
 * of sleeping, and a transport wrapper that counts calls and can hold or cut watches.
 */
import type { DeepReadonly } from './freeze.ts';
import type { EventHandler } from './informer.ts';
import type { Transport, TransportRequest, WatchStream } from './transport.ts';
import type { ObjectLike } from './types.ts';

export interface RecordedEvent { type: 'add' | 'update' | 'delete'; name: string; initial?: boolean; unknownFinalState?: boolean; rv?: string }

export class EventRecorder<T extends ObjectLike> implements EventHandler<T> {
  readonly events: RecordedEvent[] = [];
  #waiters: { pred: () => boolean; resolve: () => void }[] = [];

  #push(e: RecordedEvent): void {
    this.events.push(e);
    this.#waiters = this.#waiters.filter((w) => (w.pred() ? (w.resolve(), false) : true));
  }
  onAdd(o: DeepReadonly<T>, initial: boolean) { this.#push({ type: 'add', name: o.metadata!.name!, initial, rv: o.metadata?.resourceVersion }); }
  onUpdate(_: DeepReadonly<T>, o: DeepReadonly<T>) { this.#push({ type: 'update', name: o.metadata!.name!, rv: o.metadata?.resourceVersion }); }
  onDelete(o: DeepReadonly<T>, i: { unknownFinalState: boolean }) { this.#push({ type: 'delete', name: o.metadata!.name!, unknownFinalState: i.unknownFinalState }); }

  /** Resolves once an event matching `pred` has been recorded. */
  waitFor(pred: (e: RecordedEvent) => boolean): Promise<void> {
    const test = () => this.events.some(pred);
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ pred: test, resolve }));
  }
}

/** Wraps a transport: counts lists and watches, and lets a test hold new watches or cut the open one. */
export class GatedTransport implements Transport {
  readonly inner: Transport;
  lists = 0;
  watches = 0;
  current?: WatchStream;
  #held?: { release: Promise<void>; open: () => void };
  #onWatchWaiting?: () => void;
  #opened: { n: number; resolve: () => void }[] = [];

  constructor(inner: Transport) { this.inner = inner; }

  request(r: TransportRequest) { if (r.verb === 'list') this.lists++; return this.inner.request(r); }

  async watch(r: TransportRequest): Promise<WatchStream> {
    this.watches++;
    if (this.#held) { this.#onWatchWaiting?.(); await this.#held.release; }
    this.current = await this.inner.watch(r);
    this.#opened = this.#opened.filter((w) => (this.watches >= w.n ? (w.resolve(), false) : true));
    return this.current;
  }

  /** Resolves once `n` watches have been opened in all. */
  opened(n: number): Promise<void> {
    if (this.current && this.watches >= n) return Promise.resolve();
    return new Promise((resolve) => this.#opened.push({ n, resolve }));
  }

  /** New watch calls wait until `release()`; resolves when one is waiting. */
  hold(): Promise<void> {
    let open!: () => void;
    const release = new Promise<void>((r) => { open = r; });
    this.#held = { release, open };
    return new Promise((r) => { this.#onWatchWaiting = r; });
  }

  release(): void { const h = this.#held; this.#held = undefined; h?.open(); }
}
