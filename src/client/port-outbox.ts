/**
 * Messages to a MessagePort sent as one array per turn: every message posted in one stretch
 * of synchronous code (an event callback, or one round of promise reactions) leaves together,
 * in order, once it is done (process.nextTick runs then; reactions queued by the callback
 * post into the next array). A message with a pod's
 * JSON text cost 5.8 µs to send and 7.2 µs to receive alone, 2.2 and 3.2 µs in arrays of 16
 * (measured here, 200 000 of them), and the two threads exchange about sixteen per pod: the
 * replies of one group commit, the events of one write fanned out to several watches, the
 * creates of one slow-start batch.
 *
 * Both ends of the control-plane ports use this (src/client/port-transport.ts and
 * src/apiserver/rest/port-server.ts); `receive` undoes it.
 */
import type { MessagePort } from 'node:worker_threads';

export class PortOutbox<M extends object> {
  #queue: M[] = [];
  readonly #port: MessagePort;
  readonly #onUncloneable: (msg: M, err: Error) => void;

  /** `onUncloneable`: what to do about a message structured clone refuses (it is not sent). */
  constructor(port: MessagePort, onUncloneable: (msg: M, err: Error) => void) {
    this.#port = port;
    this.#onUncloneable = onUncloneable;
  }

  post(msg: M): void {
    if (this.#queue.push(msg) === 1) process.nextTick(this.#flush);
  }

  readonly #flush = () => {
    const batch = this.#queue;
    this.#queue = [];
    try {
      this.#port.postMessage(batch);
    } catch {
      // Some message cannot be cloned (a function in a body): send the others without it.
      const ok = batch.filter((m) => {
        try { structuredClone(m); return true; } catch (e) { this.#onUncloneable(m, e as Error); return false; }
      });
      if (ok.length) this.#port.postMessage(ok);
    }
  };
}

/** Calls `handle` for each message of a batch a PortOutbox sent, in order. */
export function receive<M>(port: MessagePort, handle: (m: M) => void): void {
  port.on('message', (batch: M[]) => { for (const m of batch) handle(m); });
}
