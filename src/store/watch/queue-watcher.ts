/**
 * A Watcher backed by an unbounded-looking but capped queue. Writers push synchronously and never
 * wait on the consumer; when the consumer lags past `limit` queued events, the queue is dropped
 * and the iterator rejects with WatchOverflowError (the API server turns that into 410 Gone).
 */
import type { Watcher, WatchEvent } from '../types.ts';
import { WatchOverflowError } from './overflow.ts';

type Waiter = { resolve: (r: IteratorResult<WatchEvent>) => void; reject: (e: Error) => void };

export class QueueWatcher implements Watcher {
  #buf: WatchEvent[] = [];
  #head = 0;
  #waiter: Waiter | undefined;
  #done = false;
  #error: Error | undefined;
  #limit: number;
  #lastRevision = 0;
  #onEnd: () => void;

  constructor(limit: number, onEnd: () => void) {
    this.#limit = limit;
    this.#onEnd = onEnd;
  }

  /** Queues history read at registration; it raises the bound so replay alone never overflows. */
  preload(events: WatchEvent[]): void {
    this.#limit += events.length;
    for (const ev of events) this.push(ev);
  }

  /** Called by the writer's fan-out; never blocks. */
  push(ev: WatchEvent): void {
    if (this.#done) return;
    const w = this.#waiter;
    if (w) {
      this.#waiter = undefined;
      this.#lastRevision = ev.revision;
      w.resolve({ done: false, value: ev });
      return;
    }
    this.#buf.push(ev);
    if (this.#buf.length - this.#head > this.#limit) this.#fail(new WatchOverflowError(this.#limit, this.#lastRevision));
  }

  /** How many events wait for the consumer. */
  get pending(): number { return this.#buf.length - this.#head; }

  close(): void {
    if (this.#done) return;
    this.#end();
    this.#waiter?.resolve({ done: true, value: undefined });
    this.#waiter = undefined;
  }

  [Symbol.asyncIterator](): AsyncIterator<WatchEvent> {
    return {
      next: () => this.#next(),
      return: () => { this.close(); return Promise.resolve({ done: true, value: undefined }); },
    };
  }

  #next(): Promise<IteratorResult<WatchEvent>> {
    if (this.#head < this.#buf.length) {
      const ev = this.#buf[this.#head++];
      // Drop consumed slots now and then so the array does not grow forever.
      if (this.#head > 1024 && this.#head * 2 > this.#buf.length) { this.#buf = this.#buf.slice(this.#head); this.#head = 0; }
      this.#lastRevision = ev.revision;
      return Promise.resolve({ done: false, value: ev });
    }
    if (this.#error) { const e = this.#error; this.#error = undefined; return Promise.reject(e); }
    if (this.#done) return Promise.resolve({ done: true, value: undefined });
    if (this.#waiter) return Promise.reject(new Error('watcher: next() called while a previous next() is pending'));
    return new Promise((resolve, reject) => { this.#waiter = { resolve, reject }; });
  }

  #fail(err: Error): void {
    this.#end();
    this.#error = err;
  }

  #end(): void {
    this.#done = true;
    this.#buf = [];
    this.#head = 0;
    this.#onEnd();
  }
}
