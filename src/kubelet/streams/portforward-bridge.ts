/**
 * port-forward: one SPDY `portforward.k8s.io` session on the runtime's stream URL per kubectl
 * session, opened at the first connection; each forwarded connection is a pair of streams
 * (error, data) tagged with `port` and `requestid`, as client-go's port-forwarder opens them
 * [client-go tools/portforward/portforward.go]. The data stream is the Duplex the kubectl side
 * pipes to; text on the error stream (e.g. nothing listens on the port) fails it.
 */
import type { Duplex } from 'node:stream';
import type { Dialer } from '../../streaming/portforward/serve.ts';
import type { SpdySession } from '../../streaming/spdy/session.ts';

export const RUNTIME_PORTFORWARD_PROTOCOL = 'portforward.k8s.io';

export interface RuntimeForward {
  dial: Dialer;
  /** Closes the runtime session (when kubectl's side is gone). */
  close(): void;
}

export function runtimeForward(connect: () => Promise<SpdySession>): RuntimeForward {
  let session: Promise<SpdySession> | undefined;
  let closed = false;
  let nextId = 0;
  const get = (): Promise<SpdySession> => {
    if (!session) {
      session = connect();
      session.catch(() => { session = undefined; });
      void session.then((s) => {
        if (closed) s.destroy();
        s.once('close', () => { session = undefined; });
      }, () => undefined);
    }
    return session;
  };
  return {
    async dial(port: number): Promise<Duplex> {
      const s = await get();
      if (s.closed) throw new Error('the container runtime closed the port-forward session');
      const requestid = String(nextId++);
      const headers = { port: String(port), requestid };
      const error = s.openStream({ ...headers, streamtype: 'error' });
      error.end(); // we never write on it, as client-go
      const data = s.openStream({ ...headers, streamtype: 'data' });
      let message = '';
      error.on('data', (c: Buffer) => { message += c.toString(); });
      error.on('end', () => { if (message.trim() && !data.destroyed) data.destroy(new Error(message.trim())); });
      error.on('error', () => undefined);
      error.resume();
      return data;
    },
    close() {
      closed = true;
      void session?.then((s) => s.destroy(), () => undefined);
    },
  };
}
