/**
 * Port-forward over a SPDY session (plain SPDY/3.1 upgrade, or tunnelled in a WebSocket by kubectl 1.31+).
 * Per forwarded connection kubectl opens an `error` and a `data` stream carrying the same `port` and
 * `requestid` headers; the pair is complete when both exist [kubelet pkg/kubelet/cri/streaming/portforward/httpstream.go].
 * Failures are written as text on the error stream, which kubectl prints as
 * "an error occurred forwarding L -> R: <text>".
 */
import type { Duplex } from 'node:stream';
import type { SpdySession } from '../spdy/session.ts';
import type { SpdyStream } from '../spdy/stream.ts';

export type Dialer = (port: number) => Promise<Duplex>;

interface Pair { error?: SpdyStream; data?: SpdyStream; port: number }

export function spdyPortForward(session: SpdySession, dial: Dialer, podName: string): void {
  const pairs = new Map<string, Pair>();
  session.on('stream', (s: SpdyStream) => {
    const { streamtype, port: portText, requestid } = s.headers;
    const port = Number(portText);
    if ((streamtype !== 'error' && streamtype !== 'data') || !Number.isInteger(port) || port <= 0 || port > 65535
      || requestid === undefined) {
      s.reset(1); // PROTOCOL_ERROR: not a port-forward stream
      return;
    }
    s.reply();
    const pair = pairs.get(requestid) ?? { port };
    if (pair[streamtype]) { s.reset(1); return; }
    pair[streamtype] = s;
    pairs.set(requestid, pair);
    if (pair.error && pair.data) {
      pairs.delete(requestid);
      void forward(pair.error, pair.data, port, dial, podName);
    }
  });
}

async function forward(errorStream: SpdyStream, data: SpdyStream, port: number, dial: Dialer, podName: string): Promise<void> {
  // kubectl half-closes the error stream at once; drain it so its FIN is seen.
  errorStream.resume();
  const fail = (e: Error): void => {
    if (!errorStream.destroyed && !errorStream.writableEnded) {
      errorStream.end(`error forwarding port ${port} to pod ${podName}: ${e.message}`);
    }
    if (!data.destroyed) data.end();
  };
  let conn: Duplex;
  try {
    conn = await dial(port);
  } catch (e) {
    return fail(e as Error);
  }
  if (data.destroyed) { conn.destroy(); return; }
  conn.on('error', (e: Error) => { fail(e); conn.destroy(); });
  data.on('close', () => { if (!conn.writableEnded) conn.end(); });
  data.pipe(conn); // client FIN → half-close towards the pod
  conn.pipe(data); // pod closed its side → FIN to the client
  conn.on('close', () => { if (!errorStream.destroyed && !errorStream.writableEnded) errorStream.end(); });
}
