/**
 * The server end of src/client/port-transport.ts: answers a worker thread's calls on a
 * MessagePort with an in-process transport (so they run through the REST layer as that
 * transport's flow and identity). Watch events go out as the stored JSON text where there
 * is one (registry/watch.ts keeps the KeyValue on each event): no serialization per event here;
 * for a caller that sets omitManagedFields, without metadata.managedFields, cut from the text.
 */
import type { MessagePort } from 'node:worker_threads';
import { toStatusError } from '../../api/errors.ts';
import type { Transport, TransportRequest, WatchStream } from '../../client/transport.ts';
import type { Call, Reply, WireEvent, WireRequest } from '../../client/port-transport.ts';
import { PortOutbox, receive } from '../../client/port-outbox.ts';
import type { KeyValue } from '../../store/types.ts';
import { encodedWithVersion, storedText } from '../registry/codec.ts';

const fromWire = (r: WireRequest): TransportRequest => ({ ...r, query: r.query !== undefined ? new URLSearchParams(r.query) : undefined });

const errorStatus = (e: unknown) => toStatusError(e).status;

/**
 * Event texts without managedFields, for the informers that ask (they drop them anyway): one
 * cut per store event however many ports watch it (the hub hands them all the same KeyValue).
 */
const trimmed = new WeakMap<KeyValue, string>();
function textWithoutManagedFields(kv: KeyValue): string {
  let t = trimmed.get(kv);
  if (t === undefined) trimmed.set(kv, (t = encodedWithVersion(kv, true)));
  return t;
}

/**
 * Serves `port` until it closes; returns a function that closes every watch it opened.
 * `transport` may be made with `storedResults`: every write result then crosses as its text.
 */
export function servePort(port: MessagePort, transport: Transport): () => void {
  const watches = new Map<number, WatchStream>();
  let closed = false;
  const closeAll = () => { closed = true; for (const w of watches.values()) w.close(); watches.clear(); };
  // A reply that cannot be cloned must not become an unhandled rejection on the API server's
  // thread: the caller gets the error instead (a watcher as an ERROR event).
  const out = new PortOutbox<Reply>(port, (m, e) => out.post('ev' in m ? { id: m.id, ev: { type: 'ERROR', object: errorStatus(e) } } : { id: m.id, error: errorStatus(e) }));
  receive<Call>(port, (m) => {
    if (m.op === 'close') { watches.get(m.id)?.close(); watches.delete(m.id); return; }
    if (m.op === 'request') {
      transport.request(fromWire(m.req)).then(
        (res) => {
          // A stored object crosses as its stored text (a string copy), parsed on the other thread.
          const json = storedText(res.body, m.req.omitManagedFields);
          out.post({ id: m.id, res: json === undefined ? res : { code: res.code, warnings: res.warnings, json } });
        },
        (e) => out.post({ id: m.id, error: errorStatus(e) }),
      );
      return;
    }
    void pump(m.id, m.req);
  });
  port.on('close', closeAll);

  async function pump(id: number, req: WireRequest): Promise<void> {
    let w: WatchStream;
    try {
      w = await transport.watch(fromWire(req));
    } catch (e) {
      out.post({ id, error: errorStatus(e) });
      return;
    }
    // The port closed while the watch was being opened: nobody is left to read it.
    if (closed) { w.close(); return; }
    watches.set(id, w);
    out.post({ id, opened: true });
    try {
      for await (const ev of w) {
        const kv = (ev as { kv?: KeyValue }).kv;
        const json = kv && (req.omitManagedFields ? textWithoutManagedFields(kv) : encodedWithVersion(kv));
        const wire: WireEvent = json !== undefined ? { type: ev.type, json } : { type: ev.type, object: ev.object };
        out.post({ id, ev: wire });
      }
    } finally {
      watches.delete(id);
      if (!closed) out.post({ id, end: true });
    }
  }
  return closeAll;
}
