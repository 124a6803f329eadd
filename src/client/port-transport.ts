/**
 * A Transport over a MessagePort, for components running on a worker thread of the server
 * process (the control-plane thread, src/cli/control-plane-worker.ts). The other end is
 * src/apiserver/rest/port-server.ts, which hands each call to an in-process transport: the
 * request goes through the same REST layer, flow and identity as if it were made on the main
 * thread. Bodies cross by structured clone (so the caller keeps its own copy); watch events
 * cross as the stored JSON text and are parsed here, on this thread.
 *
 * Messages (this side → server): {id, op:'request', req} | {id, op:'watch', req} | {id, op:'close'}.
 * Replies: {id, res: {code, body | json, warnings}} | {id, error: Status} for requests; {id, opened} then {id, ev:{type, json|object}}
 * and finally {id, end} for watches. Both ways they travel in arrays, one per turn (port-outbox.ts).
 */
import type { MessagePort } from 'node:worker_threads';
import type { Status } from 'kubernetes-types/meta/v1.d.ts';
import { StatusError } from '../api/errors.ts';
import { Fifo } from './fifo.ts';
import { PortOutbox, receive } from './port-outbox.ts';
import type { Transport, TransportRequest, TransportResponse, WatchEvent, WatchStream } from './transport.ts';

/** A request as it crosses the port: the query as a string. */
export type WireRequest = Omit<TransportRequest, 'query'> & { query?: string };

export type Call = { id: number; op: 'request' | 'watch'; req: WireRequest } | { id: number; op: 'close' };

export interface WireEvent { type: WatchEvent['type']; json?: string; object?: unknown }

/** A response as it crosses the port: the body as an object, or as JSON text to parse here. */
export type WireResponse = Omit<TransportResponse, 'body'> & ({ body: unknown } | { json: string });

export type Reply =
  | { id: number; res: WireResponse }
  | { id: number; error: Status }
  | { id: number; opened: true }
  | { id: number; ev: WireEvent }
  | { id: number; end: true };

interface OpenWatch { push(ev: WireEvent | undefined): void }

export function toWire(r: TransportRequest): WireRequest {
  return { ...r, query: r.query?.toString() };
}

/**
 * `omitManagedFields`: for components that never read managedFields (the controllers, the
 * scheduler, the simulated nodes): write results then come without them, as informers' events do.
 */
export function portTransport(port: MessagePort, opts: { omitManagedFields?: boolean } = {}): Transport {
  let next = 0;
  const calls = new Map<number, { resolve: (r: TransportResponse | true) => void; reject: (e: Error) => void }>();
  const watches = new Map<number, OpenWatch>();
  const out = new PortOutbox<Call>(port, (m, e) => {
    const c = calls.get(m.id);
    calls.delete(m.id);
    c?.reject(e);
  });
  receive<Reply>(port, (m) => {
    if ('ev' in m) { watches.get(m.id)?.push(m.ev); return; }
    if ('end' in m) { watches.get(m.id)?.push(undefined); watches.delete(m.id); return; }
    const call = calls.get(m.id);
    if (!call) return;
    calls.delete(m.id);
    if ('error' in m) call.reject(new StatusError(m.error));
    else if ('res' in m) {
      const r = m.res;
      call.resolve('json' in r ? { code: r.code, warnings: r.warnings, body: JSON.parse(r.json) } : r);
    } else call.resolve(true);
  });
  const wire = (r: TransportRequest) => toWire(opts.omitManagedFields ? { ...r, omitManagedFields: true } : r);
  const call = (id: number, msg: Call) => new Promise<TransportResponse | true>((resolve, reject) => {
    calls.set(id, { resolve, reject });
    out.post(msg);
  });

  return {
    async request(r) {
      const id = ++next;
      return (await call(id, { id, op: 'request', req: wire(r) })) as TransportResponse;
    },
    async watch(r) {
      const id = ++next;
      const stream = new PortWatch(() => { watches.delete(id); out.post({ id, op: 'close' }); });
      // Registered before the request goes out: events may follow the reply at once.
      watches.set(id, stream);
      try {
        await call(id, { id, op: 'watch', req: wire(r) });
      } catch (e) {
        watches.delete(id);
        throw e;
      }
      return stream;
    },
  };
}

/**
 * Events a watcher may have waiting before it counts as fallen behind: it then gets a 410
 * ERROR event and the stream ends, as the store's hub does for a slow in-process watcher, and
 * an informer relists.
 */
export const PORT_WATCH_LIMIT = 10_000;

/** Events queued as they arrive, parsed when taken. */
class PortWatch implements WatchStream, OpenWatch {
  #queue = new Fifo<WireEvent | undefined>();
  #wake: (() => void) | undefined;
  #closed = false;
  readonly #onClose: () => void;

  constructor(onClose: () => void) { this.#onClose = onClose; }

  push(ev: WireEvent | undefined): void {
    if (this.#closed) return;
    if (this.#queue.size >= PORT_WATCH_LIMIT) {
      this.#queue = new Fifo();
      this.#queue.push({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 410, reason: 'Expired',
        message: `too old resource version: watch fell behind (${PORT_WATCH_LIMIT} events waiting)` } });
      this.#queue.push(undefined);
      this.#onClose();
    } else this.#queue.push(ev);
    this.#wake?.();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#onClose();
    this.#wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<WatchEvent> {
    try {
      while (!this.#closed) {
        if (!this.#queue.size) {
          await new Promise<void>((r) => { this.#wake = r; });
          this.#wake = undefined;
          continue;
        }
        const ev = this.#queue.shift();
        if (!ev) return;
        yield { type: ev.type, object: ev.json !== undefined ? JSON.parse(ev.json) : ev.object };
      }
    } finally {
      this.close();
    }
  }
}
